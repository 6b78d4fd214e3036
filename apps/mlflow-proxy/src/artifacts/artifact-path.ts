import { MlflowError } from '../common/mlflow-error';

/** Where uploads are written before the atomic rename; never listed, never addressable. */
export const UPLOADS_DIR = '.uploads';

function unsafeForm(p: string): boolean {
  if (p.includes('\0') || p.includes('\\')) return true;
  if (p.startsWith('/') || p.startsWith('~') || /^[A-Za-z]:/.test(p)) return true;
  return p.split('/').some((segment) => segment === '..' || segment === '.');
}

/**
 * True when the relative path, and every percent-decoding of it, stays below the root: no `..` or
 * `.` segment, no absolute or drive path, no backslash or NUL. Decoding repeatedly catches
 * `%2e%2e%2f` and `%252e%252e%252f` whatever layer decodes them next.
 */
export function isSafeArtifactPath(path: string): boolean {
  let current = path;
  for (let i = 0; i < 4; i++) {
    if (unsafeForm(current)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false;
    }
    if (decoded === current) break;
    current = decoded;
  }
  const first = path.split('/').find(Boolean);
  return first !== UPLOADS_DIR;
}

/** A safe relative path with empty segments collapsed (`a//b/` -> `a/b`); '' is the root. */
export function normalizeArtifactPath(path: string | undefined): string {
  const raw = path ?? '';
  if (!isSafeArtifactPath(raw)) throw MlflowError.invalidParameter(`Invalid path '${raw}': artifact paths must stay inside the artifact root`);
  return raw.split('/').filter(Boolean).join('/');
}
