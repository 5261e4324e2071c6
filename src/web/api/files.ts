import { apiUrl, http } from './request';
import type { FileQuery, FileRow, FileUpload } from './types';

const filePath = (id: string, action = '') => `/files/${encodeURIComponent(id)}${action}`;

export const listFiles = (query: FileQuery) => http.get<FileRow[]>('/files', query);
export const downloadFile = (file: FileRow) => http.download(filePath(file.id, '/download'), undefined, file.originalName);
export const deleteFile = (id: string) => http.delete(filePath(id));
/** Loaded by an <iframe> (PDF) or <img> (images); the server answers inline with a restrictive CSP. */
export const filePreviewUrl = (id: string) => apiUrl(filePath(id, '/preview'));

/** The server reads the owner fields before the file part, so they are appended first. */
export function uploadFile(owner: FileUpload, file: File): Promise<FileRow> {
  const form = new FormData();
  form.append('platformId', owner.platformId);
  form.append('ownerType', owner.ownerType);
  if (owner.ownerId) form.append('ownerId', owner.ownerId);
  if (owner.year !== undefined) form.append('year', String(owner.year));
  if (owner.purpose) form.append('purpose', owner.purpose);
  form.append('file', file, file.name);
  return http.upload<FileRow>('/files', form);
}
