import { api, type ResponseOf } from './request';

export type ObjectionForm = ResponseOf<'/public/notices/{id}/objection-form'>;
export type Filing = ResponseOf<'/public/notices/{id}/objection', 'post'>;
export type LookupResult = ResponseOf<'/public/objections/lookup'>;
export type NoticeObjections = ResponseOf<'/publicity/notices/{noticeId}/objections'>;
export type ObjectionDetail = ResponseOf<'/publicity/objections/{id}'>;
export type ObjectionRow = NoticeObjections['objections'][number];
export type Assignee = ResponseOf<'/publicity/objections/assignees'>[number];

// ---- public ----
export const getObjectionForm = (id: string) => api.get('/public/notices/{id}/objection-form', { path: { id } });
export const getChallenge = () => api.get('/public/challenge');
export interface FilingInput { name: string; phone: string; email: string; itemId: string; grounds: string; challengeToken: string; challengeAnswer: string }
const FILING_FIELDS = ['name', 'phone', 'email', 'itemId', 'grounds', 'challengeToken', 'challengeAnswer'] as const satisfies readonly (keyof FilingInput)[];
/** Text fields first, then the attachments (the server reads the form in order). */
export function fileObjection(id: string, input: FilingInput, files: readonly File[]) {
  const form = new FormData();
  for (const k of FILING_FIELDS) form.append(k, input[k]);
  for (const f of files) form.append('files', f, f.name);
  return api.upload('/public/notices/{id}/objection', form, { path: { id } });
}
export const lookupObjection = (receipt: string, contact: string) => api.get('/public/objections/lookup', { query: { receipt, contact } });

// ---- bureau ----
export const getNoticeObjections = (noticeId: string, status?: ObjectionRow['status']) =>
  api.get('/publicity/notices/{noticeId}/objections', { path: { noticeId }, query: status === undefined ? {} : { status } });
export const getObjection = (id: string) => api.get('/publicity/objections/{id}', { path: { id } });
export const listAssignees = () => api.get('/publicity/objections/assignees');
export const assignObjection = (id: string, userId: string) => api.post('/publicity/objections/{id}/assign', { path: { id }, body: { userId } });
export const addObjectionNote = (id: string, body: string) => api.post('/publicity/objections/{id}/notes', { path: { id }, body: { body } });
export const decideObjection = (id: string, outcome: 'upheld' | 'dismissed', reasons: string) => api.post('/publicity/objections/{id}/decide', { path: { id }, body: { outcome, reasons } });
export const replyObjection = (id: string, body: { text: string; repliedOn: string; method: NonNullable<ObjectionRow['replyMethod']> }) =>
  api.post('/publicity/objections/{id}/reply', { path: { id }, body });
export const objectionFileUrl = (id: string, fileId: string) => `/api/v1/publicity/objections/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}/download`;
