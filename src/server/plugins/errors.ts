import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { auditRefusal } from '../audit/audit.js';
import { AppError, type FieldError } from '../errors.js';
import { labelFor } from '../field-labels.js';

interface ErrorBody {
  code: string;
  message: string;
  details?: FieldError[];
  [extra: string]: unknown;
}

function validationBody(error: { validation: { instancePath: string; message?: string }[] }): ErrorBody {
  const details = error.validation.map((v) => {
    const path = v.instancePath.split('/').filter((p) => p !== '');
    return { field: path.join('.'), message: `${labelFor(path)}：${v.message ?? '格式不正确'}` };
  });
  return { code: 'VALIDATION_FAILED', message: details.map((d) => d.message).join('；'), details };
}

function bodyFor(error: FastifyError | AppError): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { ...error.extra, code: error.code, message: error.userMessage };
    if (error.details.length > 0) body.details = error.details;
    return { status: error.status, body };
  }
  if (hasZodFastifySchemaValidationErrors(error)) return { status: 400, body: validationBody(error) };
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
