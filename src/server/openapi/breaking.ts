/**
 * Breaking changes between the released OpenAPI document (openapi/released.json) and the current
 * one: what would break a client written against the release. Requests are read as what a client
 * sends (the server must still accept it), responses as what a client reads (it must still get it).
 * Pure: two parsed documents in, a sorted list of one-line changes out; each line is what
 * openapi/approved-changes.txt lists to approve it.
 */

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema | Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  additionalProperties?: Schema | boolean;
  $ref?: string;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation | undefined>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Which side reads the schema: a request's is written by clients, a response's read by them. */
type Direction = 'request' | 'response';

export function breakingChanges(released: OpenApiDocument, current: OpenApiDocument): string[] {
  const out: string[] = [];
  const resolveOld = resolver(released);
  const resolveNew = resolver(current);
  for (const [path, oldItem] of Object.entries(released.paths ?? {})) {
    for (const method of METHODS) {
      const oldOp = oldItem[method];
      if (!oldOp) continue;
      const at = `${method.toUpperCase()} ${path}`;
      const newOp = current.paths?.[path]?.[method];
      if (!newOp) {
        out.push(`${at}: operation removed`);
        continue;
      }
      const cmp = (where: string, dir: Direction, a: Schema | undefined, b: Schema | undefined): void =>
        compareSchemas(out, `${at} ${where}`, dir, a ? resolveOld(a) : undefined, b ? resolveNew(b) : undefined, resolveOld, resolveNew);
      compareParameters(out, at, oldOp.parameters ?? [], newOp.parameters ?? [], cmp);
      compareBody(out, at, oldOp, newOp, cmp);
      compareResponses(out, at, oldOp, newOp, cmp);
    }
  }
  return [...new Set(out)].sort();
}

type Compare = (where: string, dir: Direction, a: Schema | undefined, b: Schema | undefined) => void;

function compareParameters(out: string[], at: string, oldParams: Parameter[], newParams: Parameter[], cmp: Compare): void {
  const key = (p: Parameter): string => `${p.in} ${p.name}`;
  const old = new Map(oldParams.map((p) => [key(p), p]));
  for (const p of newParams) {
    const before = old.get(key(p));
    if (p.required === true && before?.required !== true) out.push(`${at} ${key(p)}: new required parameter`);
    if (before) cmp(key(p), 'request', before.schema, p.schema);
  }
}

function compareBody(out: string[], at: string, oldOp: Operation, newOp: Operation, cmp: Compare): void {
  const oldJson = oldOp.requestBody?.content?.['application/json'];
  const newJson = newOp.requestBody?.content?.['application/json'];
  if (newOp.requestBody?.required === true && oldOp.requestBody?.required !== true) out.push(`${at} body: now required`);
  if (oldJson && !newJson && newOp.requestBody) out.push(`${at} body: no longer JSON`);
  if (oldJson && newJson) cmp('body', 'request', oldJson.schema, newJson.schema);
}

function compareResponses(out: string[], at: string, oldOp: Operation, newOp: Operation, cmp: Compare): void {
  for (const [status, oldResponse] of Object.entries(oldOp.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    const newResponse = newOp.responses?.[status];
    if (!newResponse) {
      out.push(`${at} response ${status}: removed`);
      continue;
    }
    const oldJson = oldResponse.content?.['application/json'];
    const newJson = newResponse.content?.['application/json'];
    if (oldJson && !newJson) out.push(`${at} response ${status}: no longer JSON`);
    if (oldJson && newJson) cmp(`response ${status}`, 'response', oldJson.schema, newJson.schema);
  }
}

function resolver(doc: OpenApiDocument): (s: Schema) => Schema {
  return function resolve(s: Schema): Schema {
    if (s.$ref === undefined) return s;
    const target = doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''];
    return target ? resolve(target) : s;
  };
}

function types(s: Schema): Set<string> {
  const t = new Set(Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type]);
  if (s.nullable === true) t.add('null');
  // integer is a kind of number: integer → number widens, number → integer narrows.
  return t;
}

function nullable(s: Schema): boolean {
  return types(s).has('null') || (s.anyOf ?? s.oneOf ?? []).some((v) => types(v).has('null'));
}

/** The union's non-null variants, or the schema itself. */
function variants(s: Schema): Schema[] {
  const list = s.anyOf ?? s.oneOf;
  if (!list) return [s];
  return list.filter((v) => !(v.type === 'null' || (Array.isArray(v.type) && v.type.length === 1 && v.type[0] === 'null')));
}

function compareSchemas(
  out: string[], where: string, dir: Direction, a: Schema | undefined, b: Schema | undefined,
  resolveOld: (s: Schema) => Schema, resolveNew: (s: Schema) => Schema,
): void {
  if (!a || !b) return;
  a = resolveOld(a);
  b = resolveNew(b);
  // Null: a response that may newly be null breaks readers; a request that no longer accepts null breaks writers.
  if (dir === 'response' && nullable(b) && !nullable(a)) out.push(`${where}: may now be null`);
  if (dir === 'request' && nullable(a) && !nullable(b)) out.push(`${where}: no longer accepts null`);
  const va = variants(a);
  const vb = variants(b);
  if (va.length !== 1 || vb.length !== 1) {
    // Unions: compared as a whole; a changed union is reported rather than guessed at.
    if (va.map(strip).join() !== vb.map(strip).join()) {
      if (dir === 'response' ? !isSubset(vb, va) : !isSubset(va, vb)) out.push(`${where}: union changed`);
    }
    return;
  }
  const [sa, sb] = [va[0], vb[0]] as [Schema, Schema];
  compareTypes(out, where, sa, sb);
  compareEnums(out, where, dir, sa, sb);
  compareObjects(out, where, dir, sa, sb, resolveOld, resolveNew);
  if (isSchema(sa.items) && isSchema(sb.items)) compareSchemas(out, `${where}[]`, dir, sa.items, sb.items, resolveOld, resolveNew);
}

function compareTypes(out: string[], where: string, a: Schema, b: Schema): void {
  const ta = [...types(a)].filter((t) => t !== 'null');
  const tb = [...types(b)].filter((t) => t !== 'null');
  if (ta.length === 0 || tb.length === 0) return;
  const same = ta.length === tb.length && ta.every((t) => tb.includes(t) || (t === 'integer' && tb.includes('number')) || (t === 'number' && tb.includes('integer')));
  if (!same) out.push(`${where}: type ${ta.join('|')} → ${tb.join('|')}`);
}

function enumOf(s: Schema): unknown[] | null {
  if (s.enum) return s.enum.filter((v) => v !== null);
  if (s.const !== undefined) return [s.const];
  return null;
}

function compareEnums(out: string[], where: string, dir: Direction, a: Schema, b: Schema): void {
  const ea = enumOf(a);
  const eb = enumOf(b);
  if (dir === 'request') {
    // A request value the client may send must still be accepted.
    if (eb === null) return;
    const removed = ea === null ? ['(any value)'] : ea.filter((v) => !eb.includes(v));
    if (removed.length > 0) out.push(`${where}: no longer accepts ${removed.map(String).join(', ')}`);
  } else {
    // A response value the client must understand: new values are news to it.
    if (ea === null) return;
    const added = eb === null ? ['(any value)'] : eb.filter((v) => !ea.includes(v));
    if (added.length > 0) out.push(`${where}: may now be ${added.map(String).join(', ')}`);
  }
}

function compareObjects(
  out: string[], where: string, dir: Direction, a: Schema, b: Schema,
  resolveOld: (s: Schema) => Schema, resolveNew: (s: Schema) => Schema,
): void {
  if (!a.properties || !b.properties) return;
  const reqA = new Set(a.required ?? []);
  const reqB = new Set(b.required ?? []);
  for (const [name, pa] of Object.entries(a.properties)) {
    const pb = b.properties[name];
    const at = `${where} .${name}`;
    if (!pb) {
      if (dir === 'response') out.push(`${at}: removed`);
      else if (b.additionalProperties === false) out.push(`${at}: no longer accepted`);
      continue;
    }
    if (dir === 'response' && reqA.has(name) && !reqB.has(name)) out.push(`${at}: no longer always present`);
    compareSchemas(out, at, dir, pa, pb, resolveOld, resolveNew);
  }
  if (dir === 'request') {
    for (const name of reqB) if (!reqA.has(name)) out.push(`${where} .${name}: new required property`);
  }
}

function isSchema(x: Schema | Schema[] | undefined): x is Schema {
  return x !== undefined && !Array.isArray(x);
}

/** A schema's text without its documentation, for comparing union variants. */
function strip(s: Schema): string {
  return JSON.stringify(s, (key, value: unknown) => (key === 'description' || key === 'title' ? undefined : value));
}

function isSubset(small: Schema[], big: Schema[]): boolean {
  const keys = new Set(big.map(strip));
  return small.every((s) => keys.has(strip(s)));
}

/** The approved list: one change a line as breakingChanges prints it; blank lines and `#` comments ignored. */
export function parseApproved(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
}

export function unapproved(changes: string[], approved: Set<string>): string[] {
  return changes.filter((c) => !approved.has(c));
}
