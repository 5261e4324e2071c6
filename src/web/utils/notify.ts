import { ElMessage } from 'element-plus';
import { ApiError } from '../api/request';

/** Shows a failed request to the user, unless the client already reacted to it (redirect to login etc.). */
export function showError(error: unknown, fallback = '操作失败，请稍后重试'): void {
  if (error instanceof ApiError) {
    if (!error.handled) ElMessage.error(error.message);
    return;
  }
  console.error(error);
  ElMessage.error(fallback);
}

/** A confirm box that answers true/false instead of rejecting on cancel. */
export async function confirmAction(message: string, title = '请确认', confirmButtonText = '确定'): Promise<boolean> {
  // Loaded on first use: pages that never ask (the portal, the login page) do not download the box.
  const { ElMessageBox } = await import('element-plus/es/components/message-box/index.mjs');
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText, cancelButtonText: '取消' });
    return true;
  } catch {
    return false;
  }
}
