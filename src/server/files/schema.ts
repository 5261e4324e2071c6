import { z } from 'zod';
import { fileOwnerTypes, type FileOwnerType } from '../../domain/platforms/codes.js';
import { uuidParam, year } from '../fields.js';

/** evaluation_entry: evidence for one row of a self-evaluation (ownerId the entry, purpose the row code). */
export { fileOwnerTypes, type FileOwnerType };

export const fileRow = z.object({
  id: z.string(),
  platformId: z.string(),
  ownerType: z.enum(fileOwnerTypes),
  ownerId: z.string().nullable(),
  purpose: z.string().nullable(),
  year: z.number().int().nullable(),
  originalName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
  previewable: z.boolean(),
});
export type FileRow = z.infer<typeof fileRow>;

// Digits may lead so that a score row code (1.1, 2.3) can name what a piece of evidence supports.
const purpose = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$/, '须为字母或数字开头的代码，如 agreement、events、1.1');

/** Form fields of an upload; they must come before the file part. */
export const uploadFields = z.object({
  platformId: z.uuid({ error: '编号格式不正确' }),
  ownerType: z.enum(fileOwnerTypes),
  ownerId: z.uuid({ error: '编号格式不正确' }).optional(),
  year: year.optional(),
  purpose: purpose.optional(),
});
export type UploadFields = z.infer<typeof uploadFields>;

export const fileListQuery = z.object({
  platformId: z.uuid({ error: '编号格式不正确' }),
  ownerType: z.enum(fileOwnerTypes).optional(),
  ownerId: z.uuid().optional(),
  year: year.optional(),
  purpose: purpose.optional(),
});
export type FileListQuery = z.infer<typeof fileListQuery>;

export const fileParams = z.object({ id: uuidParam });
