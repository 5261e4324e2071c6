import { downloadFilingDocument, type DistrictFiling } from '../../api/districtEvaluations';
import { saveFile } from '../../utils/download';
import { showError } from '../../utils/notify';

type Platform = DistrictFiling['platforms'][number];

/** One district-level platform of an Art 28 filing with the district's grade, score and note (as typed). */
export interface FilingRow {
  platformId: string;
  name: string;
  /** Null for a platform filed earlier that is no longer among the district's (exited, moved up). */
  type: Platform['type'] | null;
  status: Platform['status'] | null;
  grade: string;
  score: string;
  note: string;
}

/** The rows to fill in: every platform the filing must cover, with what has been entered for it. */
export function rowsToFill(f: DistrictFiling): FilingRow[] {
  return f.platforms.map((p) => {
    const it = f.items.find((x) => x.platformId === p.id);
    return { platformId: p.id, name: p.name, type: p.type, status: p.status, grade: it?.grade ?? '', score: it?.score ?? '', note: it?.note ?? '' };
  });
}

/** The rows as filed: what the filing holds, each with its platform's type and status while it is still listed. */
export function rowsFiled(f: DistrictFiling): FilingRow[] {
  return f.items.map((it) => {
    const p = f.platforms.find((x) => x.id === it.platformId);
    return { platformId: it.platformId, name: it.platformName, type: p?.type ?? null, status: p?.status ?? null, grade: it.grade, score: it.score ?? '', note: it.note ?? '' };
  });
}

/** Saves the filing's evaluation document (the district's, or the bureau reading it). */
export async function downloadDocument(f: DistrictFiling | null): Promise<void> {
  if (!f?.id || !f.document) return;
  try {
    saveFile(await downloadFilingDocument(f.id, f.document.originalName));
  } catch (error) {
    showError(error, '下载失败');
  }
}
