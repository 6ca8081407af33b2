import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError } from './api-error';

function firstProblem(errors: ValidationError[], path: string[] = []): { param: string; message: string } | null {
  for (const error of errors) {
    const here = [...path, error.property];
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { param: here.join('.'), message };
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
      return ApiError.invalid(
        'parameter_invalid',
        problem ? `Invalid ${problem.param}: ${problem.message}` : 'Invalid request.',
        problem?.param,
      );
    },
  });
}
