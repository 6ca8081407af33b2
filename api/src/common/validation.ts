import { type ArgumentMetadata, ValidationError, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { ApiError } from './api-error';

/**
 * class-validator reports every failed rule of a field, last decorator first. The first thing to say
 * is the most basic one: a missing value, then a wrong type, then a rule about the value.
 */
const BASIC_RULES = [
  'isDefined',
  'whitelistValidation',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isEnum',
  'isIn',
];

interface Problem {
  param: string;
  message: string;
  missing: boolean;
}

function describe(error: ValidationError, param: string): Problem | null {
  const constraints = error.constraints;
  if (!constraints) return null;
  if (error.value === undefined && !('whitelistValidation' in constraints)) {
    return { param, message: `Missing required param: ${param}.`, missing: true };
  }
  const rule = BASIC_RULES.find((name) => name in constraints) ?? Object.keys(constraints)[0];
  return { param, message: `Invalid ${param}: ${constraints[rule]}`, missing: false };
}

function firstProblem(errors: ValidationError[], path: string[] = []): Problem | null {
  for (const error of errors) {
    const here = [...path, error.property];
    const problem = describe(error, here.join('.'));
    if (problem) return problem;
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return null;
}

/**
 * A path-parameter class holding one `id`, with the pattern it must match: `ApiValidationPipe`
 * accepts a well-formed id with one regular expression instead of class-transformer and
 * class-validator (a twentieth of the hot read's CPU); anything else takes the full path, so every
 * refusal is worded exactly as the class's decorators say.
 */
export interface IdParamClass {
  new (): { id: string };
  readonly idPattern: RegExp;
}

function idPatternOf(metadata: ArgumentMetadata): RegExp | undefined {
  if (metadata.type !== 'param' || !metadata.metatype) return undefined;
  const pattern = (metadata.metatype as Partial<IdParamClass>).idPattern;
  return pattern instanceof RegExp ? pattern : undefined;
}

class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const pattern = idPatternOf(metadata);
    if (pattern && isWellFormedId(value, pattern)) {
      return Object.assign(new (metadata.metatype as IdParamClass)(), { id: value.id });
    }
    return super.transform(value, metadata);
  }
}

function isWellFormedId(value: unknown, pattern: RegExp): value is { id: string } {
  if (!value || typeof value !== 'object') return false;
  const keys = Object.keys(value);
  const id = (value as { id?: unknown }).id;
  return keys.length === 1 && keys[0] === 'id' && typeof id === 'string' && pattern.test(id);
}

/** The global pipe's rules: unknown fields are refused and the first problem names its `param`. */
export function validationOptions(): ValidationPipeOptions {
  return {
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors);
      if (!problem) return ApiError.invalid('parameter_invalid', 'Invalid request.');
      return ApiError.invalid(
        problem.missing ? 'parameter_missing' : 'parameter_invalid',
        problem.message,
        problem.param,
      );
    },
  };
}

/** The one global pipe: `validationOptions`, with well-formed path ids accepted without class-validator. */
export function validationPipe(): ValidationPipe {
  return new ApiValidationPipe(validationOptions());
}
