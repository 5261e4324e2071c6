/** Publicity notices (公示): the bureau's calls and the public's; every shape is the server's (generated/schema.d.ts). */
import { api, type BodyOf, type QueryOf, type ResponseOf } from './request';

type ItemOf<T> = T extends readonly (infer I)[] ? I : never;

export type NoticeDetail = ResponseOf<'/publicity/notices/{id}'>;
export type NoticeItem = ItemOf<NoticeDetail['items']>;
export type NoticePage = ResponseOf<'/publicity/notices'>;
export type NoticeRow = ItemOf<NoticePage['items']>;
export type NoticeListQuery = QueryOf<'/publicity/notices'>;
export type CreateNoticeBody = BodyOf<'/publicity/notices'>;
export type CorrectNoticeBody = BodyOf<'/publicity/notices/{id}/correct'>;
export type PeriodPreview = ResponseOf<'/publicity/notices/preview', 'post'>;
export type PeriodBody = BodyOf<'/publicity/notices/preview'>;
export type NoticeKind = CreateNoticeBody['kind'];
export type PublicNotice = ResponseOf<'/public/notices/{id}'>;
export type PublicNoticeRow = ItemOf<ResponseOf<'/public/notices'>['items']>;
export type NoticeHistoryEntry = ItemOf<PublicNotice['history']>;
export type NoticeAttachment = ItemOf<PublicNotice['attachments']>;

export const listNotices = (query: NoticeListQuery) => api.get('/publicity/notices', { query });
export const getNotice = (id: string) => api.get('/publicity/notices/{id}', { path: { id } });
export const previewPeriod = (body: PeriodBody) => api.post('/publicity/notices/preview', { body });
export const createNotice = (body: CreateNoticeBody) => api.post('/publicity/notices', { body });
export const correctNotice = (id: string, body: CorrectNoticeBody) => api.post('/publicity/notices/{id}/correct', { path: { id }, body });
export const withdrawNotice = (id: string, reason: string) => api.post('/publicity/notices/{id}/withdraw', { path: { id }, body: { reason } });
export const decideItem = (id: string, itemId: string, body: BodyOf<'/publicity/notices/{id}/items/{itemId}/decision'>) =>
  api.post('/publicity/notices/{id}/items/{itemId}/decision', { path: { id, itemId }, body });
export function uploadNoticeAttachment(id: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload('/publicity/notices/{id}/attachments', form, { path: { id } });
}
export const deleteNoticeAttachment = (id: string, fileId: string) => api.delete('/publicity/notices/{id}/attachments/{fileId}', { path: { id, fileId } });

export const listPublicNotices = (query: QueryOf<'/public/notices'>) => api.get('/public/notices', { query });
export const getPublicNotice = (id: string) => api.get('/public/notices/{id}', { path: { id } });
/** Attachments of a notice are public: a plain link downloads them. */
export const publicAttachmentUrl = (id: string, fileId: string) => api.url('/public/notices/{id}/attachments/{fileId}', { path: { id, fileId } });
