import { MlflowError } from './mlflow-error';

// Offset paging, as MLflow's SQL store does: the token is base64 JSON {"offset": n}, opaque to clients.

export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
  } catch {
    throw MlflowError.invalidParameter('Invalid page token, could not base64-decode');
  }
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    throw MlflowError.invalidParameter(`Invalid page token, decoded value=${JSON.stringify(offset)}`);
  }
  return offset;
}

export function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

/** Cuts a page fetched with LIMIT max+1 and says whether there is a next one. */
export function pageOf<T>(rows: T[], offset: number, max: number): { items: T[]; nextPageToken?: string } {
  if (rows.length > max) return { items: rows.slice(0, max), nextPageToken: encodePageToken(offset + max) };
  return { items: rows };
}
