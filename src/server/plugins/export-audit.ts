import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import { auditExport } from '../audit/audit.js';
import { XLSX_MIME } from '../xlsx.js';

/** The filename of a content-disposition header (RFC 5987 filename* first). */
function filenameOf(header: unknown): string {
  const value = typeof header === 'string' ? header : '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(value)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star);
    } catch {
      return star;
    }
  }
  return /filename="?([^";]+)"?/i.exec(value)?.[1] ?? '';
}

/**
 * Every .xlsx the API sends is audited (export.download), whichever route made it, so a new
 * export cannot be added without its audit row.
 */
async function exportAuditPlugin(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // A callback hook: every response passes here, and all but the exports go on without a promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode !== 200 || reply.getHeader('content-type') !== XLSX_MIME) {
      done(null, payload);
      return;
    }
    auditExport(db, request, filenameOf(reply.getHeader('content-disposition'))).then(() => done(null, payload), (e: unknown) => done(e instanceof Error ? e : new Error(String(e))));
  });
}

export default fp(exportAuditPlugin, { name: 'export-audit' });
