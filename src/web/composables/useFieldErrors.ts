import { ElMessage } from 'element-plus';
import { shallowRef } from 'vue';
import { ApiError } from '../api/request';
import { showError } from '../utils/notify';

/**
 * Server-side field errors for one form, bound as `<el-form-item :error="fieldErrors.x">`.
 * `details[].field` from a 400 answer is matched against the form's field names; `toField` maps nested
 * paths (e.g. `data.events.2.attendance` → `events`) onto them. Several messages for one field are joined.
 */
export function useFieldErrors<F extends string>(fields: readonly F[], toField: (detailField: string) => string = (f) => f) {
  // Replaced as a whole (never mutated), so a shallow ref is enough and keeps the generic type intact.
  const fieldErrors = shallowRef<Partial<Record<F, string>>>({});

  function clearFieldErrors(): void {
    fieldErrors.value = {};
  }

  function isField(name: string): name is F {
    return fields.some((field) => field === name);
  }

  /** Puts matching details next to their fields; anything else is shown as a message. */
  function applyServerError(error: unknown): void {
    clearFieldErrors();
    if (!(error instanceof ApiError)) {
      showError(error);
      return;
    }
    const matched: Partial<Record<F, string>> = {};
    const unmatched: string[] = [];
    for (const detail of error.details) {
      const field = toField(detail.field);
      if (!isField(field)) unmatched.push(detail.message);
      else matched[field] = matched[field] ? `${matched[field]}；${detail.message}` : detail.message;
    }
    fieldErrors.value = matched;
    if (error.handled) return;
    // Field messages without a matching field must still reach the user.
    if (error.details.length === 0 || unmatched.length > 0) ElMessage.error([error.message, ...unmatched].join('；'));
  }

  return { fieldErrors, clearFieldErrors, applyServerError };
}
