import { HttpException } from '@nestjs/common';

/** A problem with one field of a request: `field` is its path (`available_moves[2]`, `pokemon_a_id`, `limit`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Every error body the API sends: `{statusCode, error, message, details?}`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[];
}

/** An HTTP error with the API's body, optionally naming the fields at fault. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly details?: FieldProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message, status);
  }

  static badRequest(message: string, details?: FieldProblem[]): ApiError {
    return new ApiError(400, message, details);
  }

  static notFound(message: string, details?: FieldProblem[]): ApiError {
    return new ApiError(404, message, details);
  }

  static conflict(message: string, details?: FieldProblem[]): ApiError {
    return new ApiError(409, message, details);
  }

  static unprocessable(message: string, details?: FieldProblem[]): ApiError {
    return new ApiError(422, message, details);
  }

  static unavailable(message: string, retryAfterSeconds?: number): ApiError {
    return new ApiError(503, message, undefined, retryAfterSeconds ? { 'retry-after': String(retryAfterSeconds) } : {});
  }
}

/** `['available_moves', 2, 'x']` -> `available_moves[2].x`; the empty path names the whole input. */
export function fieldPath(path: readonly (string | number)[], whole = 'body'): string {
  if (path.length === 0) return whole;
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}
