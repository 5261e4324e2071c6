/**
 * An upload's bytes, received whole into memory (the multipart limit bounds it, 20 MB by
 * default) while its SHA-256 (shown to users) and SM3 (the integrity hash backups check) are
 * computed; the bytes then go into file_blobs in the transaction that records the file.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { sm3Stream } from '../crypto/gm.js';

export interface Received {
  content: Buffer;
  size: number;
  sha256: string;
  sm3: string;
}

export async function receive(source: Readable): Promise<Received> {
  const sha256 = crypto.createHash('sha256');
  const sm3 = sm3Stream();
  const parts: Buffer[] = [];
  for await (const chunk of source as AsyncIterable<Buffer>) {
    sha256.update(chunk);
    sm3.update(chunk);
    parts.push(chunk);
  }
  const content = Buffer.concat(parts);
  return { content, size: content.length, sha256: sha256.digest('hex'), sm3: sm3.digest('hex') };
}
