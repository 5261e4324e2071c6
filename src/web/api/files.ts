import { api } from './request';
import type { FileQuery, FileRow, FileUpload } from './types';

export const listFiles = (query: FileQuery) => api.get('/files', { query });
export const downloadFile = (file: FileRow) => api.download('/files/{id}/download', file.originalName, { path: { id: file.id } });
export const deleteFile = (id: string) => api.delete('/files/{id}', { path: { id } });
/** Loaded by an <iframe> (PDF) or <img> (images); the server answers inline with a restrictive CSP. */
export const filePreviewUrl = (id: string) => api.url('/files/{id}/preview', { path: { id } });

/** The server reads the owner fields before the file part, so they are appended first. */
export function uploadFile(owner: FileUpload, file: File) {
  const form = new FormData();
  form.append('platformId', owner.platformId);
  form.append('ownerType', owner.ownerType);
  if (owner.ownerId) form.append('ownerId', owner.ownerId);
  if (owner.year !== undefined) form.append('year', String(owner.year));
  if (owner.purpose) form.append('purpose', owner.purpose);
  form.append('file', file, file.name);
  return api.upload('/files', form);
}
