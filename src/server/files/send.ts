import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { contentDisposition } from '../xlsx.js';

/**
 * Inline previews may show the file and nothing else: no scripts, no forms, no framing by other
 * sites. Images are also sandboxed; a PDF is not, because browsers refuse to run their PDF
 * viewer in a sandboxed document (object-src 'self' lets the viewer embed the file itself).
 */
const PREVIEW_CSP = {
  image: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  pdf: "default-src 'none'; object-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
};

/** What an answer needs to know of a stored file. */
export interface SentFile {
  mimeType: string;
  sizeBytes: number;
  originalName: string;
}

/**
 * A stored file as a download (`attachment`) or an inline preview (the page frames or shows it
 * from the same origin: the app's CSP allows frames from 'self' only, not blob: URLs).
 */
export function sendStoredFile(reply: FastifyReply, opened: { file: SentFile; stream: Readable }, inline: boolean): FastifyReply {
  void reply
    .header('content-type', opened.file.mimeType)
    .header('content-length', String(opened.file.sizeBytes))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', opened.file.originalName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  if (inline) void reply.header('content-security-policy', opened.file.mimeType === 'application/pdf' ? PREVIEW_CSP.pdf : PREVIEW_CSP.image);
  return reply.send(opened.stream);
}
