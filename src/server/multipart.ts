/** Reading one uploaded file with its form fields (sent before it), the same way for imports and attachments. */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, errors } from './errors.js';
import { labelFor } from '../domain/labels/index.js';

const FIELD_ORDER_HINT = '（表单字段须在文件之前提交）';

/** The text fields that arrived before the file part. */
function textFields(part: MultipartFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(part.fields)) {
    const first = Array.isArray(entry) ? entry[0] : entry;
    if (first && first.type === 'field' && typeof first.value === 'string') out[name] = first.value;
  }
  return out;
}

/** The file part and its fields parsed with the schema; a missing file or bad field is a 400 naming it. */
export async function filePart<S extends z.ZodType>(req: FastifyRequest, schema: S, maxBytes: number): Promise<{ part: MultipartFile; fields: z.infer<S> }> {
  if (!req.isMultipart()) throw errors.invalid('file', '请以 multipart/form-data 上传文件');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });
  if (!part) throw errors.invalid('file', '请选择要上传的文件');
  const parsed = schema.safeParse(textFields(part));
  if (!parsed.success) {
    part.file.resume();
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: `${labelFor(i.path)}：${i.message}${FIELD_ORDER_HINT}` }));
    throw new AppError('VALIDATION_FAILED', 400, details.map((d) => d.message).join('；'), details);
  }
  return { part, fields: parsed.data };
}

const MB = 1024 * 1024;
const sizeText = (bytes: number): string => (bytes >= MB ? `${Math.round(bytes / MB)} MB` : `${Math.round(bytes / 1024)} KB`);
export const tooLarge = (maxBytes: number): AppError => errors.tooLarge(`文件超过 ${sizeText(maxBytes)} 的上限`);

/** The whole file in memory (imports, bounded by maxBytes). */
export async function partBuffer(part: MultipartFile, maxBytes: number): Promise<Buffer> {
  try {
    const buf = await part.toBuffer();
    if (part.file.truncated) throw tooLarge(maxBytes);
    return buf;
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof Error && 'code' in e && e.code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw e;
  }
}
