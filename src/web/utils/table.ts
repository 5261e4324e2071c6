import { toRaw, type Ref } from 'vue';

/**
 * Element Plus types a column slot's `row` as `Record<PropertyKey, any>`, which would let `any` into
 * templates. `rowTyper(items)` returns a function giving the row back the type of the array the table
 * is bound to; the assertion is sound because a table renders only the rows of its `data` prop.
 */
export function rowTyper<T>(data: Readonly<Ref<readonly T[]>>): (row: unknown) => T {
  // In development, catch a typer bound to the wrong list.
  if (import.meta.env.DEV) {
    return (row) => {
      // The table keeps rows in its own reactive store, so compare the raw objects.
      const raw = toRaw(row);
      if (!data.value.some((item) => toRaw(item) === raw)) console.warn('rowTyper: row is not in the bound list');
      return row as T;
    };
  }
  return (row) => row as T;
}
