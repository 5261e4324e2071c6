import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { auditRefusal } from '../audit/audit.js';
import { AppError, type FieldError } from '../errors.js';
import { labelFor } from '../../domain/labels/index.js';

interface ErrorBody {
  code: string;
  message: string;
  details?: FieldError[];
  [extra: string]: unknown;
}

function validationBody(error: { validation: { instancePath: string; message?: string }[] }): ErrorBody {
  const details = error.validation.map((v) => {
    const path = v.instancePath.split('/').filter((p) => p !== '');
    // A rule over the whole body (patchBody) has no field to name: its message names them itself.
    const message = v.message ?? '格式不正确';
    return { field: path.join('.'), message: path.length === 0 ? message : `${labelFor(path)}：${message}` };
  });
  return { code: 'VALIDATION_FAILED', message: details.map((d) => d.message).join('；'), details };
}

/**
 * PostgreSQL data exceptions that only input can cause: a character it cannot store (NUL),
 * a string or number beyond the column, a malformed value. The validators should refuse them
 * first; this keeps one that slips through a 400 rather than a 500.
 */
const INPUT_SQLSTATES: Record<string, string> = {
  '22001': '提交的文字超出长度上限',
  '22003': '提交的数值超出范围',
  '22007': '提交的日期或时间格式不正确',
  '22008': '提交的日期或时间超出范围',
  '22021': '提交的文字包含无法保存的字符（如 NUL）',
  '22P02': '提交的内容格式不正确',
  '22P05': '提交的文字包含无法保存的字符',
};

/** The SQLSTATE of a PostgreSQL error, also when wrapped (drizzle puts the driver's error in `cause`). */
function sqlState(error: unknown, depth = 0): string | null {
  if (typeof error !== 'object' || error === null || depth > 3) return null;
  if ('code' in error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error) return error.code;
  return 'cause' in error ? sqlState(error.cause, depth + 1) : null;
}

/**
 * Two requests racing for the same record (two clicks assigning one expert, two tabs submitting):
 * the database's unique index or serialization check refuses the second; the user is told to reload.
 */
const RACE_SQLSTATES = new Set(['23505', '40001', '40P01']);

function bodyFor(error: FastifyError | AppError): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { ...error.extra, code: error.code, message: error.userMessage };
    if (error.details.length > 0) body.details = error.details;
    return { status: error.status, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) return { status: 400, body: validationBody(error) };
  const inputProblem = INPUT_SQLSTATES[sqlState(error) ?? ''];
  if (inputProblem !== undefined) return { status: 400, body: { code: 'INVALID_INPUT', message: inputProblem } };
  if (RACE_SQLSTATES.has(sqlState(error) ?? '')) return { status: 409, body: { code: 'CONCURRENT_CHANGE', message: '该记录刚被他人同时修改或已存在，请刷新页面后重试' } };
  const status = error.statusCode ?? 500;
  if (status === 413) return { status, body: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' } };
  if (status === 415) return { status, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' } };
  if (status === 429) return { status, body: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } };
  if (status === 400) return { status, body: { code: 'BAD_REQUEST', message: '请求格式不正确' } };
  if (status < 500) return { status, body: { code: 'REQUEST_REJECTED', message: '请求被拒绝' } };
  // Internals stay in the log; the user gets a reference to quote to the administrator.
  return { status: 500, body: { code: 'INTERNAL', message: '系统内部错误，请稍后重试或联系管理员' } };
}

async function errorsPlugin(app: FastifyInstance, opts: { db?: Db }): Promise<void> {
  const { db } = opts;
  app.setErrorHandler(async (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = bodyFor(error);
    if (error instanceof AppError) reply.headers(error.headers);
    if (status === 403 && db) {
      // A refused access is a security event; failing to record it must not change the answer.
      await auditRefusal(db, request, { code: body.code, status }).catch((e: unknown) => request.log.error({ err: e }, 'audit of a refusal failed'));
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      body.message = `${body.message}（编号 ${request.id}）`;
    }
    return reply.status(status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    return reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0] ?? ''}` });
  });
}

export default fp(errorsPlugin, { name: 'errors' });
