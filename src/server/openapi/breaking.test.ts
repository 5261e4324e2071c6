import { describe, expect, it } from 'vitest';
import { breakingChanges, parseApproved, unapproved, type OpenApiDocument, type Schema } from './breaking.js';

const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required, additionalProperties: false });

/** One operation: POST /api/v1/things with a body, a query and a 200 answer. */
function doc(parts: { body?: Schema; response?: Schema; query?: { name: string; required?: boolean; schema: Schema }[]; extraPath?: boolean } = {}): OpenApiDocument {
  const op = {
    parameters: (parts.query ?? []).map((q) => ({ in: 'query', ...q })),
    requestBody: { content: { 'application/json': { schema: parts.body ?? obj({ name: { type: 'string' } }) } } },
    responses: { 200: { content: { 'application/json': { schema: parts.response ?? obj({ id: { type: 'string' }, level: { type: 'string', enum: ['a', 'b'] } }) } } } },
  };
  return { paths: { '/api/v1/things': { post: op }, ...(parts.extraPath === false ? {} : { '/api/v1/other': { get: { responses: {} } } }) } };
}

describe('breakingChanges', () => {
  it('finds nothing between equal documents, nor for additions a client ignores', () => {
    expect(breakingChanges(doc(), doc())).toEqual([]);
    const wider = doc({
      body: obj({ name: { type: 'string' }, note: { type: 'string' } }, ['name']),
      response: obj({ id: { type: 'string' }, level: { type: 'string', enum: ['a', 'b'] }, extra: { type: 'integer' } }),
    });
    expect(breakingChanges(doc(), wider)).toEqual([]);
  });

  it('names a removed operation', () => {
    expect(breakingChanges(doc(), doc({ extraPath: false }))).toEqual(['GET /api/v1/other: operation removed']);
  });

  it('names a removed, retyped or optional response property and a widened response enum', () => {
    const changed = doc({ response: obj({ level: { type: 'string', enum: ['a', 'b', 'c'] }, id: { type: 'integer' } }) });
    expect(breakingChanges(doc(), changed)).toEqual([
      'POST /api/v1/things response 200 .id: type string → integer',
      'POST /api/v1/things response 200 .level: may now be c',
    ]);
    const gone = doc({ response: obj({ level: { type: 'string', enum: ['a', 'b'] }, id: { type: 'string' } }, ['level']) });
    expect(breakingChanges(doc(), gone)).toEqual(['POST /api/v1/things response 200 .id: no longer always present']);
    const removed = doc({ response: obj({ level: { type: 'string', enum: ['a', 'b'] } }) });
    expect(breakingChanges(doc(), removed)).toEqual(['POST /api/v1/things response 200 .id: removed']);
    const nullable = doc({ response: obj({ id: { type: 'string', nullable: true }, level: { type: 'string', enum: ['a', 'b'] } }) });
    expect(breakingChanges(doc(), nullable)).toEqual(['POST /api/v1/things response 200 .id: may now be null']);
  });

  it('names a new required request property or parameter and a narrowed request enum', () => {
    const stricter = doc({
      body: obj({ name: { type: 'string' }, kind: { type: 'string' } }),
      query: [{ name: 'year', required: true, schema: { type: 'integer' } }],
    });
    expect(breakingChanges(doc(), stricter)).toEqual([
      'POST /api/v1/things body .kind: new required property',
      'POST /api/v1/things query year: new required parameter',
    ]);
    const before = doc({ body: obj({ name: { type: 'string', enum: ['x', 'y'] } }) });
    const narrowed = doc({ body: obj({ name: { type: 'string', enum: ['x'] } }) });
    expect(breakingChanges(before, narrowed)).toEqual(['POST /api/v1/things body .name: no longer accepts y']);
    // Widening a request enum or narrowing a response enum is safe.
    expect(breakingChanges(narrowed, before)).toEqual([]);
    expect(breakingChanges(doc(), doc({ response: obj({ id: { type: 'string' }, level: { type: 'string', enum: ['a'] } }) }))).toEqual([]);
  });

  it('leaves approved changes out', () => {
    const changes = breakingChanges(doc(), doc({ extraPath: false }));
    expect(unapproved(changes, parseApproved('# reviewed 2026-12-06\nGET /api/v1/other: operation removed\n'))).toEqual([]);
    expect(unapproved(changes, parseApproved(''))).toEqual(changes);
  });
});
