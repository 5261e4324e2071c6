import type { DownloadedFile } from '../api/request';
import { showError } from './notify';

/** Hands a downloaded file to the browser's save dialog through a temporary object URL. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Runs a download request and saves its answer; failures are shown, not thrown. */
export async function downloadAndSave(request: () => Promise<DownloadedFile>, fallback = '下载失败，请稍后重试'): Promise<boolean> {
  try {
    saveFile(await request());
    return true;
  } catch (error) {
    showError(error, fallback);
    return false;
  }
}
