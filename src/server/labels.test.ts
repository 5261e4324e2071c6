/**
 * The one label table is complete for the API (issue #12, #11 item 7): every property name of
 * every request and response in the OpenAPI document, every query and path parameter, and every
 * enumeration value has a Chinese name in src/domain/labels. A new field or value without one
 * fails here, before a user sees its code name. (Facts, domain enumerations, audit actions and
 * notification kinds: src/domain/labels/labels.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.js';
import { ENUM_LABELS, fieldLabelOrUndefined, hasCjk, SETTING_VALUE_LABELS } from '../domain/labels/index.js';

const ctx = useTestApp();

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
}
interface Doc {
  paths: Record<string, Record<string, {
    parameters?: { name: string; in: string; schema?: Schema }[];
    requestBody?: { content?: Record<string, { schema?: Schema }> };
    responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Property names (with where they were seen) and enumeration values of a document. */
function walk(doc: Doc): { names: Map<string, string>; values: Map<string, string> } {
  const names = new Map<string, string>();
  const values = new Map<string, string>();
  const seen = new Set<Schema>();
  const visit = (s: Schema | undefined, where: string): void => {
    if (s === undefined || seen.has(s)) return;
    seen.add(s);
    if (s.$ref !== undefined) visit(doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''], where);
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      if (!names.has(k)) names.set(k, where);
      visit(v, where);
    }
    for (const e of [...(s.enum ?? []), ...(s.const === undefined ? [] : [s.const])]) if (typeof e === 'string' && !values.has(e)) values.set(e, where);
    const items = Array.isArray(s.items) ? s.items : s.items === undefined ? [] : [s.items];
    for (const x of [...items, ...(s.prefixItems ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) visit(x, where);
    if (typeof s.additionalProperties === 'object') visit(s.additionalProperties, where);
  };
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) {
        if (p.in === 'query' || p.in === 'path') if (!names.has(p.name)) names.set(p.name, where);
        visit(p.schema, where);
      }
      for (const c of Object.values(op.requestBody?.content ?? {})) visit(c.schema, where);
      for (const r of Object.values(op.responses ?? {})) for (const c of Object.values(r.content ?? {})) visit(c.schema, where);
    }
  }
  return { names, values };
}

const enumValues = new Set([...Object.values(ENUM_LABELS), ...Object.values(SETTING_VALUE_LABELS)].flatMap((t) => Object.keys(t)));

describe('the label table covers the API', () => {
  it('names every request and response field, and every enumeration value, in Chinese', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json<Doc>();
    const { names, values } = walk(doc);
    expect(names.size).toBeGreaterThan(150);
    const unnamed = [...names].filter(([n]) => !hasCjk(fieldLabelOrUndefined(n) ?? '')).map(([n, where]) => `${n} (${where})`);
    expect(unnamed).toEqual([]);
    const uncoded = [...values].filter(([v]) => !enumValues.has(v)).map(([v, where]) => `${v} (${where})`);
    expect(uncoded).toEqual([]);
  });
});
