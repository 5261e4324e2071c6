import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { markRoutesPublic } from '../plugins/auth.js';

/**
 * The built web app (dist/web). The build writes a brotli and a gzip sibling of every text file
 * (src/web/build/precompress.ts); @fastify/static's `preCompressed` picks the one the browser
 * accepts (Accept-Encoding, `Vary: Accept-Encoding`, the original's Content-Type) and falls back to
 * the plain file. Nothing is compressed per request.
 *
 * Caching: Vite names what it emits under /assets/ by content hash, so a changed file gets a new
 * name and the old one may be kept for a year without asking again. index.html (and the app shell
 * sent for client-side routes) names the current hashes, so the browser must ask every time
 * (`no-cache`: it revalidates; a 304 costs a header).
 */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** `assets/<name>-<hash>.<ext>` (and its `.br` / `.gz` siblings), as Vite names its output. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;

export function cacheControlFor(filePath: string): string {
  return HASHED_ASSET.test(filePath) ? IMMUTABLE : REVALIDATE;
}

export async function serveWeb(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(async (files) => {
    files.addHook('onRoute', markRoutesPublic);
    // Files cost no database work: not counted in any request budget (a whole office loads them).
    files.addHook('onRoute', (route) => {
      route.config = { ...route.config, budget: 'none' };
    });
    await files.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply: FastifyReply, filePath: string) => {
        reply.header('cache-control', cacheControlFor(filePath));
      },
    });
  });
  const indexHtml = fs.readFileSync(path.join(webDir, 'index.html'));
  // Client-side routes: any GET that is not an API or asset path gets the app shell.
  app.get('/*', { config: { access: 'public', budget: 'none' }, schema: { hide: true } }, (request, reply) => {
    // A missing script must not be answered with HTML (the browser would report a MIME error, not a 404).
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) {
      reply.callNotFound();
      return reply;
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(indexHtml);
  });
}
