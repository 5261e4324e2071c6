/**
 * Attachments on disk: under filesDir by a random name (never the user's), two-level folders so
 * that no folder grows without bound. An upload is written to a temporary file while its
 * SHA-256 and size are computed, then moved into place.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Received {
  tmpPath: string;
  size: number;
  sha256: string;
}

export class FileStore {
  constructor(readonly dir: string, readonly maxBytes: number) {}

  private tmpDir(): string {
    return path.join(this.dir, 'tmp');
  }

  pathOf(storedName: string): string {
    if (!/^[0-9a-f]{32}$/.test(storedName)) throw new Error(`bad stored name ${storedName}`);
    return path.join(this.dir, storedName.slice(0, 2), storedName);
  }

  async receive(source: Readable): Promise<Received> {
    await fs.promises.mkdir(this.tmpDir(), { recursive: true });
    const tmpPath = path.join(this.tmpDir(), `${crypto.randomBytes(16).toString('hex')}.part`);
    const hash = crypto.createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, measure, fs.createWriteStream(tmpPath, { mode: 0o600 }));
    } catch (e) {
      await this.discard(tmpPath);
      throw e;
    }
    return { tmpPath, size, sha256: hash.digest('hex') };
  }

  /** Moves a received file into place under a new random name. */
  async keep(tmpPath: string): Promise<string> {
    const storedName = crypto.randomBytes(16).toString('hex');
    const target = this.pathOf(storedName);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(tmpPath, target);
    return storedName;
  }

  async discard(tmpPath: string): Promise<void> {
    await fs.promises.rm(tmpPath, { force: true });
  }

  async remove(storedName: string): Promise<void> {
    await fs.promises.rm(this.pathOf(storedName), { force: true });
  }

  open(storedName: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(storedName));
  }
}
