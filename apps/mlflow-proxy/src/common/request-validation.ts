import { z } from 'zod';
import { MlflowError } from './mlflow-error';

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let cur = input;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/**
 * Validates a request (body or query) at the edge. Failures read like MLflow's own, so a client
 * that matches on them keeps working: INVALID_PARAMETER_VALUE naming the parameter.
 */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || '(body)';
  const value = valueAt(input ?? {}, issue.path);
  if (value === undefined || (issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined')) {
    throw MlflowError.invalidParameter(`Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`);
  }
  const shown = JSON.stringify(value);
  throw MlflowError.invalidParameter(
    `Invalid value ${shown && shown.length > 200 ? `${shown.slice(0, 200)}...` : shown} for parameter '${field}' supplied: ${issue.message}`,
  );
}

/** A required, non-empty string parameter that the schema left optional (e.g. an alias of another field). */
export function requireNonEmpty(value: string | undefined, field: string): string {
  if (!value) throw MlflowError.invalidParameter(`Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`);
  return value;
}
