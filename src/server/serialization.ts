/**
 * Response serialization: each route's zod response schema is turned into JSON Schema once (on the
 * route's first answer in production, at start with the check on) by the very conversion the
 * OpenAPI document uses (fastify-type-provider-zod's jsonSchemaTransform, OpenAPI 3.0.3 like
 * /api/docs), and compiled with fast-json-stringify.
 * A request then costs one generated function call instead of a zod parse plus JSON.stringify.
 *
 * What stays as it was:
 * - only declared properties leave the server: fast-json-stringify writes the properties a
 *   schema lists and nothing else (`additionalProperties` is never `true` where zod strips; see
 *   forSerializer), so a row carrying a password hash or a sealed column cannot leak;
 * - schemas the compiled path cannot reproduce exactly (transforms, pipes, defaults, lazy,
 *   custom, intersections, unions of strict objects: see uncompilableReason) keep the zod path
 *   of fastify-type-provider-zod.
 *
 * What changes: in production a response that does not match its schema is no longer refused
 * (500); fast-json-stringify writes what it can (a missing required field still fails). With
 * the strict check on (tests: NODE_ENV=test, or HRSP_RESPONSE_CHECK=on) every response is also
 * parsed by zod and the two outputs compared; a mismatch fails the request with a 500, so the
 * suites catch contract drift and any difference between the two serializers.
 */
import type { FastifySerializerCompiler } from 'fastify';
import fastJson from 'fast-json-stringify';
import { jsonSchemaTransform, ResponseSerializationError, serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

/** zod types whose output fast-json-stringify writes exactly as JSON.stringify(zod's output) does. */
const COMPILABLE = new Set([
  'string', 'number', 'boolean', 'null', 'any', 'unknown', 'date', 'enum', 'literal',
  'object', 'array', 'record', 'union', 'optional', 'nullable', 'readonly', 'template_literal',
]);

/** Why a schema stays on the zod path, or null when it can be compiled. */
export function uncompilableReason(schema: $ZodType, seen = new Set<$ZodType>()): string | null {
  if (seen.has(schema)) return null;
  seen.add(schema);
  const def = schema._zod.def;
  if (!COMPILABLE.has(def.type)) return def.type;
  if (def.type === 'union' && childSchemas(schema).some(isStrictObject)) return 'union of strict objects';
  for (const child of childSchemas(schema)) {
    const reason = uncompilableReason(child, seen);
    if (reason !== null) return reason;
  }
  return null;
}

/**
 * zod picks a union's branch by trying each, and a strict object refuses extra keys, so the keys
 * decide the branch; fast-json-stringify's branch test ignores extra keys (see forSerializer) and
 * would take the first branch whose fields are all optional.
 */
function isStrictObject(schema: $ZodType): boolean {
  const def = schema._zod.def;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly') {
    const inner: unknown = Reflect.get(def, 'innerType');
    return inner instanceof $ZodType && isStrictObject(inner);
  }
  const catchall: unknown = def.type === 'object' ? Reflect.get(def, 'catchall') : undefined;
  return catchall instanceof $ZodType && catchall._zod.def.type === 'never';
}

/** The schemas a schema is built from (the shape's fields, items, options, wrapped types). */
function childSchemas(schema: $ZodType): $ZodType[] {
  const def: object = schema._zod.def;
  const out: $ZodType[] = [];
  for (const key of ['innerType', 'element', 'keyType', 'valueType', 'catchall'] as const) {
    if (key in def) {
      const value: unknown = Reflect.get(def, key);
      // A strict object's catchall is `never`: extra keys are refused by zod, stripped here (the check keeps refusing them).
      if (value instanceof $ZodType && !(key === 'catchall' && value._zod.def.type === 'never')) out.push(value);
    }
  }
  if ('options' in def && Array.isArray(def.options)) out.push(...def.options.filter((o): o is $ZodType => o instanceof $ZodType));
  if ('shape' in def && typeof def.shape === 'object' && def.shape !== null) {
    out.push(...Object.values(def.shape).filter((o): o is $ZodType => o instanceof $ZodType));
  }
  return out;
}

/** The response schema as the OpenAPI document shows it (the same conversion, the same options). */
export function responseJsonSchema(schema: $ZodType, url: string, httpStatus: string): unknown {
  // jsonSchemaTransform reads only the schema, the url and the document's OpenAPI version.
  const input = { schema: { response: { [httpStatus]: schema } }, url, openapiObject: { openapi: '3.0.3' } };
  const out = jsonSchemaTransform(input as unknown as Parameters<typeof jsonSchemaTransform>[0]);
  const response: unknown = out.schema.response;
  return typeof response === 'object' && response !== null ? Reflect.get(response, httpStatus) : undefined;
}

/**
 * The JSON Schema fast-json-stringify gets: `additionalProperties: false` removed (it strips
 * undeclared properties without it, and with it the union branch test would reject a row that
 * merely carries extra columns, where zod strips them and takes the branch).
 */
export function forSerializer(jsonSchema: unknown): unknown {
  if (Array.isArray(jsonSchema)) return jsonSchema.map(forSerializer);
  if (jsonSchema === null || typeof jsonSchema !== 'object') return jsonSchema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(jsonSchema)) {
    if (key === 'additionalProperties' && value === false) continue;
    // Keys of `properties` are field names, not keywords; their values are schemas again.
    out[key] = forSerializer(value);
  }
  return nullableChoice(out);
}

/**
 * OpenAPI 3.0 writes a nullable union as `{ anyOf | oneOf, nullable: true }` without a `type`,
 * which fast-json-stringify refuses; the same choice with a null branch added means the same.
 */
function nullableChoice(schema: Record<string, unknown>): Record<string, unknown> {
  if (schema.nullable !== true || 'type' in schema) return schema;
  const { nullable: _nullable, anyOf, oneOf, ...rest } = schema;
  const branches: unknown[] | null = Array.isArray(anyOf) ? anyOf : Array.isArray(oneOf) ? oneOf : null;
  if (branches === null) return schema;
  return { ...rest, anyOf: [...branches, { type: 'null' }] };
}

function hasRef(jsonSchema: unknown): boolean {
  return JSON.stringify(jsonSchema).includes('"$ref"');
}

/** The compiled serializer and zod disagree (only with the check on): a bug in the conversion, never the caller's. */
export class SerializerMismatchError extends Error {
  override name = 'SerializerMismatchError';
}

export type CompiledSerializer = { compiled: true; serialize: (data: unknown) => string } | { compiled: false; reason: string };

/**
 * One compiled serializer per schema object: HEAD repeats every GET, and one schema often serves
 * several routes (a platform's detail answers its GET, POST and PATCH); start-up time and memory
 * grow with the distinct schemas only.
 */
const compiledBySchema = new WeakMap<$ZodType, CompiledSerializer>();

/** The compiled serializer of one response schema, or why it stays on the zod path. */
export function compileResponse(schema: $ZodType, url: string, httpStatus: string): CompiledSerializer {
  let compiled = compiledBySchema.get(schema);
  if (compiled === undefined) {
    compiled = compileOnce(schema, url, httpStatus);
    compiledBySchema.set(schema, compiled);
  }
  return compiled;
}

function compileOnce(schema: $ZodType, url: string, httpStatus: string): CompiledSerializer {
  const reason = uncompilableReason(schema);
  if (reason !== null) return { compiled: false, reason };
  const jsonSchema = responseJsonSchema(schema, url, httpStatus);
  if (jsonSchema === undefined || hasRef(jsonSchema)) return { compiled: false, reason: '$ref' };
  try {
    const serialize = fastJson(forSerializer(jsonSchema) as Parameters<typeof fastJson>[0]);
    return { compiled: true, serialize };
  } catch (error) {
    return { compiled: false, reason: `fast-json-stringify: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * compileResponse on a route's first answer instead of at start: most of the ~300 response schemas
 * are never used by a given process between restarts, and each compiled one is generated code kept
 * in memory (the server's resident size is a goal of its own). The result is the same function; a
 * schema the compiler refuses falls back to zod then, as it would have at start.
 */
function compiledOnFirstUse(schema: $ZodType, url: string, httpStatus: string, fallback: (reason: string) => (data: unknown) => string): (data: unknown) => string {
  let serialize: ((data: unknown) => string) | undefined;
  return (data) => {
    if (!serialize) {
      const compiled = compileResponse(schema, url, httpStatus);
      serialize = compiled.compiled ? compiled.serialize : fallback(compiled.reason);
    }
    return serialize(data);
  };
}

/** Fastify's serializer compiler: compiled where possible; `check` adds zod's parse and a comparison. */
export function compiledSerializerCompiler(options: { check: boolean; onCompile?: (route: string, fallbackReason: string | null) => void }): FastifySerializerCompiler<$ZodType> {
  return (route) => {
    const { schema, method, url, httpStatus } = route;
    const name = `${method} ${url} ${httpStatus ?? 'default'}`;
    // Production compiles on first use (a refusal found then is reported then); the checked mode
    // (tests) at start, so every schema the compiler refuses is reported before any request.
    if (!options.check) {
      const reason = uncompilableReason(schema);
      options.onCompile?.(name, reason);
      if (reason !== null) return zodSerializerCompiler(route);
      return compiledOnFirstUse(schema, url, httpStatus ?? 'default', (late) => {
        options.onCompile?.(name, late);
        return zodSerializerCompiler(route);
      });
    }
    const compiled = compileResponse(schema, url, httpStatus ?? 'default');
    options.onCompile?.(name, compiled.compiled ? null : compiled.reason);
    if (!compiled.compiled) return zodSerializerCompiler(route);
    return (data) => {
      const parsed = safeEncode(schema, data);
      if (parsed.error) throw new ResponseSerializationError(method, url, { cause: parsed.error });
      const expected = JSON.stringify(parsed.data);
      const actual = compiled.serialize(data);
      if (actual !== expected) {
        throw new SerializerMismatchError(`${method} ${url}: the compiled serializer wrote ${actual.slice(0, 500)}; zod ${expected.slice(0, 500)}`);
      }
      return actual;
    };
  };
}
