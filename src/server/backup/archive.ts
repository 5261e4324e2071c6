/**
 * The backup archive on disk: a tar of manifest.json, manifest.sig and database.dump, optionally
 * sealed as a whole with SM4. Sealed layout: the 8-byte magic "HRSPSM4\n", then frames of
 * [4-byte big-endian length][sm4Seal(key, index(4) | last(1) | up to 4 MiB of the tar)]. Each
 * frame's index and last flag are under the MAC, so frames cannot be dropped, reordered or cut
 * off unnoticed, and neither side holds more than one frame in memory.
 */
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SealBrokenError, sm4Open, sm4Seal } from '../crypto/gm.js';

export const MAGIC = Buffer.from('HRSPSM4\n');
const FRAME_BYTES = 4 * 1024 * 1024;
/** A sealed frame adds version, IV, padding and tag; anything far above this is not ours. */
const MAX_SEALED_FRAME = FRAME_BYTES + 1024;

export const ENTRIES = { manifest: 'manifest.json', signature: 'manifest.sig', dump: 'database.dump' } as const;

export class ArchiveBrokenError extends Error {}

function frame(key: Buffer, index: number, last: boolean, data: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeUInt32BE(index, 0);
  head[4] = last ? 1 : 0;
  const sealed = sm4Seal(key, Buffer.concat([head, data]));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(sealed.length, 0);
  return Buffer.concat([length, sealed]);
}

/** Seals a byte stream frame by frame; the final frame (possibly empty) is marked last. */
function sealer(key: Buffer): Transform {
  let pending = Buffer.alloc(0);
  let index = 0;
  return new Transform({
    construct(done) {
      this.push(MAGIC);
      done();
    },
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending = Buffer.concat([pending, chunk]);
      // Keep at least one byte back, so that the last frame always carries the last flag.
      while (pending.length > FRAME_BYTES) {
        this.push(frame(key, index++, false, pending.subarray(0, FRAME_BYTES)));
        pending = pending.subarray(FRAME_BYTES);
      }
      done();
    },
    flush(done: TransformCallback) {
      this.push(frame(key, index, true, pending));
      done();
    },
  });
}

/** Opens what sealer made; throws SealBrokenError on a wrong key, an altered, reordered or cut-off archive. */
function opener(key: Buffer): Transform {
  let buffered = Buffer.alloc(0);
  let index = 0;
  let magicSeen = false;
  let ended = false;
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      buffered = Buffer.concat([buffered, chunk]);
      try {
        if (!magicSeen) {
          if (buffered.length < MAGIC.length) {
            done();
            return;
          }
          if (!buffered.subarray(0, MAGIC.length).equals(MAGIC)) throw new SealBrokenError('not a sealed HRSP backup');
          buffered = buffered.subarray(MAGIC.length);
          magicSeen = true;
        }
        while (buffered.length >= 4) {
          const length = buffered.readUInt32BE(0);
          if (length > MAX_SEALED_FRAME) throw new SealBrokenError('frame too long');
          if (buffered.length < 4 + length) break;
          if (ended) throw new SealBrokenError('data after the last frame');
          const plain = sm4Open(key, buffered.subarray(4, 4 + length));
          buffered = buffered.subarray(4 + length);
          if (plain.length < 5 || plain.readUInt32BE(0) !== index) throw new SealBrokenError('frame out of order');
          index++;
          ended = plain[4] === 1;
          this.push(plain.subarray(5));
        }
        done();
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    },
    flush(done: TransformCallback) {
      done(ended && buffered.length === 0 ? null : new SealBrokenError('archive cut off before its last frame'));
    },
  });
}

export async function isSealed(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const { bytesRead } = await fh.read(head, 0, MAGIC.length, 0);
    return bytesRead === MAGIC.length && head.equals(MAGIC);
  } finally {
    await fh.close();
  }
}

/**
 * Packs the three entries of `dir` into `target`, which is created here with mode 0600 (never
 * widened then narrowed) and must not exist yet. The tar is built in `dir` first.
 */
export async function writeArchive(dir: string, target: string, key: Buffer | null): Promise<void> {
  const tarFile = `${dir}/archive.tar`;
  // tar is loaded by the backup command only, not by the server at start.
  const tar = await import('tar');
  await tar.create({ cwd: dir, file: tarFile, portable: true }, [ENTRIES.manifest, ENTRIES.signature, ENTRIES.dump]);
  const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o600 });
  if (key === null) await pipeline(fs.createReadStream(tarFile), out);
  else await pipeline(fs.createReadStream(tarFile), sealer(key), out);
  await fs.promises.rm(tarFile, { force: true });
}

/** Unpacks the archive's three entries into `dir` (nothing else is extracted); opens the seal first when there is one. */
export async function readArchive(file: string, dir: string, key: Buffer | null): Promise<void> {
  let tarFile = file;
  if (await isSealed(file)) {
    if (key === null) throw new ArchiveBrokenError('备份文件已加密，请用 HRSP_BACKUP_KEY_FILE 指定备份密钥后再恢复');
    tarFile = `${dir}/archive.tar`;
    try {
      await pipeline(fs.createReadStream(file), opener(key), fs.createWriteStream(tarFile, { mode: 0o600 }));
    } catch (e) {
      if (e instanceof SealBrokenError) throw new ArchiveBrokenError('备份文件无法解密：密钥不正确，或备份文件已被改动或不完整');
      throw e;
    }
  }
  const wanted = new Set<string>(Object.values(ENTRIES));
  const tar = await import('tar');
  try {
    await tar.extract({ file: tarFile, cwd: dir, strict: true, filter: (p) => wanted.has(p) });
  } catch (e) {
    throw new ArchiveBrokenError(`备份文件不是有效的 HRSP 备份归档（${e instanceof Error ? e.message : String(e)}）`);
  } finally {
    if (tarFile !== file) await fs.promises.rm(tarFile, { force: true });
  }
}
