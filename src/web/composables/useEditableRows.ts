import { ElMessage } from 'element-plus';
import { computed, reactive, ref, shallowRef } from 'vue';
import { confirmAction, showError } from '../utils/notify';
import { useFieldErrors } from './useFieldErrors';
import { useUnsavedGuard } from './useUnsavedGuard';

/** A table line: a saved record, or the line being added (record null). */
export interface EditableLine<T> {
  key: string;
  record: T | null;
}

const NEW_KEY = '__new__';

export interface EditableRowsOptions<T extends { id: string }, D extends object, F extends string> {
  load: () => Promise<T[]>;
  blank: () => D;
  draftOf: (record: T) => D;
  create: (draft: D) => Promise<T>;
  update: (record: T, draft: D) => Promise<T>;
  remove: (record: T) => Promise<void>;
  /** Field names the server may name in `details`, shown next to the inputs of the edited line. */
  fields: readonly F[];
  /** How a record is named in the delete confirmation. */
  describe: (record: T) => string;
  /** After any saved change (e.g. to refresh totals shown elsewhere). */
  onChanged?: () => void;
}

/**
 * A table edited in place, one line at a time: 编辑 turns a line into inputs, 保存 sends it, 取消 drops
 * the draft; 新增 appends an empty line. Server field errors appear under the inputs of that line.
 */
export function useEditableRows<T extends { id: string }, D extends object, F extends string>(options: EditableRowsOptions<T, D, F>) {
  const records = shallowRef<T[]>([]);
  const loading = ref(false);
  const saving = ref(false);
  const editingKey = ref<string | null>(null);
  // Drafts are flat records of primitives, so the reactive proxy has exactly the draft's type.
  const draft = reactive(options.blank()) as D;
  const { fieldErrors, clearFieldErrors, applyServerError } = useFieldErrors(options.fields);

  const lines = computed<EditableLine<T>[]>(() => {
    const saved = records.value.map((record) => ({ key: record.id, record }));
    return editingKey.value === NEW_KEY ? [...saved, { key: NEW_KEY, record: null }] : saved;
  });

  async function reload(): Promise<void> {
    loading.value = true;
    try {
      records.value = await options.load();
    } catch (error) {
      showError(error, '列表加载失败');
    } finally {
      loading.value = false;
    }
  }

  /** The draft as the line was opened: a line left open but unchanged is not an unsaved edit. */
  let opened = '';
  function begin(key: string, values: D): void {
    Object.assign(draft, values);
    opened = JSON.stringify(draft);
    clearFieldErrors();
    editingKey.value = key;
  }
  useUnsavedGuard(computed(() => editingKey.value !== null && JSON.stringify(draft) !== opened));

  const startNew = () => begin(NEW_KEY, options.blank());
  function startEdit(line: EditableLine<T>): void {
    if (line.record) begin(line.record.id, options.draftOf(line.record));
  }
  const isEditing = (line: EditableLine<T>) => line.key === editingKey.value;

  function cancel(): void {
    editingKey.value = null;
    clearFieldErrors();
  }

  async function save(line: EditableLine<T>): Promise<void> {
    saving.value = true;
    clearFieldErrors();
    try {
      if (line.record) {
        const updated = await options.update(line.record, draft);
        records.value = records.value.map((r) => (r.id === updated.id ? updated : r));
      } else {
        records.value = [...records.value, await options.create(draft)];
      }
      editingKey.value = null;
      ElMessage.success('已保存');
      options.onChanged?.();
    } catch (error) {
      applyServerError(error);
    } finally {
      saving.value = false;
    }
  }

  async function removeLine(line: EditableLine<T>): Promise<void> {
    const record = line.record;
    if (!record) return;
    if (!(await confirmAction(`确定删除「${options.describe(record)}」吗？`, '删除'))) return;
    try {
      await options.remove(record);
      records.value = records.value.filter((r) => r.id !== record.id);
      ElMessage.success('已删除');
      options.onChanged?.();
    } catch (error) {
      showError(error);
    }
  }

  return { records, lines, loading, saving, editingKey, draft, fieldErrors, reload, startNew, startEdit, isEditing, cancel, save, removeLine };
}
