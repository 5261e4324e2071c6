import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { disableUser, enableUser, resetUserPassword, resetUserTotp, unlockUser } from '../../api/users';
import type { UserRow, UserWithPassword } from '../../api/types';
import { confirmAction, showError } from '../../utils/notify';

/**
 * Row actions of the user list. `onChanged` runs after a successful action so the list can reload;
 * a new initial password is kept only until its dialog closes.
 */
export function useUserActions(onChanged: () => void) {
  const busyId = ref<string | null>(null);
  const issuedPassword = ref<{ username: string; password: string } | null>(null);
  const passwordDialogVisible = ref(false);

  function showInitialPassword(result: UserWithPassword): void {
    issuedPassword.value = { username: result.user.username, password: result.initialPassword };
    passwordDialogVisible.value = true;
  }

  function forgetPassword(): void {
    issuedPassword.value = null;
  }

  async function run<T>(user: UserRow, action: (id: string) => Promise<T>, done: (result: T) => void): Promise<void> {
    busyId.value = user.id;
    try {
      done(await action(user.id));
      onChanged();
    } catch (error) {
      showError(error);
    } finally {
      busyId.value = null;
    }
  }

  async function toggleDisabled(user: UserRow): Promise<void> {
    const verb = user.disabled ? '启用' : '停用';
    const note = user.disabled ? '' : '停用后该用户将无法登录，其在线会话会被终止。';
    if (!(await confirmAction(`确定${verb}用户「${user.displayName}」吗？${note}`, `${verb}用户`))) return;
    await run(user, user.disabled ? enableUser : disableUser, () => ElMessage.success(`已${verb}`));
  }

  async function unlock(user: UserRow): Promise<void> {
    if (!(await confirmAction(`确定解锁用户「${user.displayName}」吗？`, '解锁用户'))) return;
    await run(user, unlockUser, () => ElMessage.success('已解锁'));
  }

  async function resetPassword(user: UserRow): Promise<void> {
    const message = `确定重置用户「${user.displayName}」的密码吗？原密码将立即失效，用户下次登录须修改密码。`;
    if (!(await confirmAction(message, '重置密码'))) return;
    await run(user, resetUserPassword, showInitialPassword);
  }

  async function resetTotp(user: UserRow): Promise<void> {
    const message = `确定重置用户「${user.displayName}」的动态口令吗？重置后该用户仅凭密码即可登录，可在“账号安全”中重新启用。`;
    if (!(await confirmAction(message, '重置动态口令'))) return;
    await run(user, resetUserTotp, () => ElMessage.success('动态口令已重置'));
  }

  return { busyId, issuedPassword, passwordDialogVisible, showInitialPassword, forgetPassword, toggleDisabled, unlock, resetPassword, resetTotp };
}
