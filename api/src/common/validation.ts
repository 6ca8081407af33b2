import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** One global pipe: unknown fields are refused and the first problem names its `param`. */
export function validationPipe() {
  return new ValidationPipe({
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
  });
}
