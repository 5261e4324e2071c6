/**
 * Build step: writes a brotli (`.br`) and a gzip (`.gz`) sibling next to every compressible file
 * of the built web app, so the server sends them as they are (@fastify/static `preCompressed`)
 * instead of compressing on every request or sending them uncompressed. Maximum levels: this runs
 * once per build, and every visitor downloads the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this, the saved bytes do not pay for a second file and a header. */
const MIN_BYTES = 1024;

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

function brotli(data: Buffer): Buffer {
  return zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    },
  });
}

function gzip(data: Buffer): Buffer {
  return zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION });
}

/** Compresses every eligible file under `dir` (recursively); returns how many files got siblings. */
export function precompressDir(dir: string): number {
  let count = 0;
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const data = fs.readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    const variants: [string, Buffer][] = [['.br', brotli(data)], ['.gz', gzip(data)]];
    for (const [extension, packed] of variants) {
      // A variant no smaller than the original would only cost the client a decode.
      if (packed.length < data.length) fs.writeFileSync(file + extension, packed);
    }
    count++;
  }
  return count;
}

/** Vite plugin: precompresses the output directory once the bundle is written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'hrsp-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const count = precompressDir(outDir);
      this.info(`precompressed ${count} files (br, gz)`);
    },
  };
}
