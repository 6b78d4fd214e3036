import { MAX_ENTITY_KEY_LENGTH } from '@predictiondex/mlflow-client';
import { MlflowError } from './mlflow-error';

// MLflow's own rules for metric, param and tag names (mlflow/utils/validation.py), so that what one
// server accepts the other does too.

const VALID_NAME = /^[\p{L}\p{N}_/.\- ]*$/u;

/** Names may be used as file names, so they must not normalise to another path. */
function resolvesElsewhere(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.endsWith('/') || name.includes('//')) return true;
  return name.split('/').some((s) => s === '.' || s === '..');
}

export function validateEntityName(kind: 'metric' | 'parameter' | 'tag', name: string): void {
  if (!VALID_NAME.test(name)) {
    throw MlflowError.invalidParameter(
      `Invalid ${kind} name: '${name}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`,
    );
  }
  if (resolvesElsewhere(name)) {
    throw MlflowError.invalidParameter(`Invalid ${kind} name: '${name}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such.`);
  }
  validateLength(`${kind[0].toUpperCase()}${kind.slice(1)} name`, MAX_ENTITY_KEY_LENGTH, name);
}

export function validateLength(what: string, limit: number, value: string): void {
  if (value.length > limit) {
    throw MlflowError.invalidParameter(`${what} '${value.slice(0, 250)}' had length ${value.length}, which exceeded length limit of ${limit}`);
  }
}

/** Maps PostgreSQL's unique_violation to a caller-readable error; anything else is rethrown. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === '23505';
}
