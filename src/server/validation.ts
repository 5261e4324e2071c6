/**
 * Request validation: zod (fastify-type-provider-zod) behind one check common to every text of
 * every route, so that no field can carry a control character (NUL makes PostgreSQL fail) into
 * a use case, whatever its own schema says. Names add their own rules (fields.ts nameText).
 */
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { $ZodType } from 'zod/v4/core';
import { CONTROL_CHARACTER_MESSAGE, findControlCharacter } from '../domain/shared/text.js';
import { errors } from './errors.js';
import { labelFor } from '../domain/labels/index.js';

export const textCheckingValidatorCompiler: FastifySchemaCompiler<$ZodType> = (route) => {
  const validate = validatorCompiler(route);
  return (data) => {
    const path = findControlCharacter(data);
    if (path === null) return validate(data);
    return { error: errors.invalid(path.join('.'), `${labelFor(path)}：${CONTROL_CHARACTER_MESSAGE}`) };
  };
};
