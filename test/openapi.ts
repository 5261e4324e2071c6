/**
 * The API's own OpenAPI document as a list of operations, and values generated from their
 * schemas: what the fuzz and write-scope tests walk, so that a new route is covered by itself.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  minItems?: number;
  nullable?: boolean;
  additionalProperties?: JsonSchema | boolean;
  $ref?: string;
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. /api/v1/platforms/{id} */
  path: string;
  parameters: Parameter[];
  body: JsonSchema | null;
  /** Takes a multipart upload rather than JSON. */
  multipart: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function operations(app: FastifyInstance): Promise<{ ops: Operation[]; resolve: (s: JsonSchema) => JsonSchema }> {
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>();
  const resolve = (s: JsonSchema): JsonSchema => {
    if (s.$ref === undefined) return s;
    const name = s.$ref.split('/').pop() ?? '';
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    return resolve(target);
  };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase();
      if (!isMethod(method)) continue;
      const content = op.requestBody?.content ?? {};
      ops.push({ method, path, parameters: op.parameters ?? [], body: content['application/json']?.schema ?? null, multipart: 'multipart/form-data' in content });
    }
  }
  return { ops, resolve };
}

function isMethod(m: string): m is Operation['method'] {
  return METHODS.has(m);
}

/** A plausible valid value for a schema: what a well-formed request would carry. */
export function sample(schema: JsonSchema, resolve: (s: JsonSchema) => JsonSchema, depth = 0): unknown {
  const s = resolve(schema);
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const first = alternatives.map(resolve).find((a) => a.type !== 'null') ?? alternatives[0];
    return first ? sample(first, resolve, depth + 1) : null;
  }
  if (s.allOf) return Object.assign({}, ...s.allOf.map((a) => sample(a, resolve, depth + 1)).filter((v) => typeof v === 'object' && v !== null)) as unknown;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sample(v, resolve, depth + 1)]));
    case 'array': {
      const items = Array.isArray(s.items) ? s.items : s.prefixItems ?? (s.items ? [s.items] : []);
      return items.map((i) => sample(i, resolve, depth + 1));
    }
    case 'string':
      if (s.format === 'uuid') return crypto.randomUUID();
      if (s.format === 'date') return '2025-03-01';
      if (s.format === 'date-time') return '2025-03-01T00:00:00.000Z';
      return 'a'.repeat(Math.max(3, s.minLength ?? 0));
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'a';
  }
}

/** Every leaf of a JSON value replaced by f (objects and arrays kept). */
export function mapLeaves(value: unknown, f: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, f));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, f)]));
  return f(value);
}

/** A concrete URL for an OpenAPI path: each {param} from values (by name), or a random UUID. */
export function fillPath(path: string, values: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(values[name] ?? crypto.randomUUID()));
}
