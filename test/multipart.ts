import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Client } from './app.js';

export interface UploadFile {
  name: string;
  content: Buffer;
  type?: string;
}

/** A multipart/form-data body: the text fields first, then the file, as the web app sends them. */
export function multipartBody(fields: Record<string, string>, file: UploadFile | null): { payload: Buffer; contentType: string } {
  const boundary = `----hrsp${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    // Browsers send the filename as raw UTF-8 bytes.
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
    parts.push(Buffer.from(head), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(app: FastifyInstance, client: Client, url: string, fields: Record<string, string>, file: UploadFile | null): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipartBody(fields, file);
  return app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType }, payload });
}

/** The smallest valid PDF that file-type recognises. */
export const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A PNG signature and IHDR chunk: enough for detection. */
export const tinyPng = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
/** The start of a Windows executable ("MZ" header). */
export const tinyExe = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000000000', 'hex'), Buffer.alloc(200)]);
/** An OLE2 compound file header (legacy .doc/.xls). */
export const tinyOle = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
