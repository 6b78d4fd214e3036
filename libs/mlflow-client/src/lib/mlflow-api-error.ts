import { MlflowErrorBody } from './mlflow-types';

/** An MLflow server answered with an error: `errorCode` is MLflow's (`RESOURCE_DOES_NOT_EXIST`, ...). */
export class MlflowApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path} -> ${status} ${errorCode}: ${message}`);
    this.name = 'MlflowApiError';
  }

  /** Server-side failures are worth retrying; a 4xx will fail the same way again. */
  get retryable(): boolean {
    return this.status >= 500;
  }

  static async fromResponse(res: Response, method: string, path: string): Promise<MlflowApiError> {
    const text = await res.text().catch(() => '');
    let body: Partial<MlflowErrorBody> = {};
    try {
      body = JSON.parse(text) as Partial<MlflowErrorBody>;
    } catch {
      // Not JSON (a proxy's HTML error page): keep a bounded excerpt as the message.
    }
    const code = typeof body.error_code === 'string' ? body.error_code : res.status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
    const message = typeof body.message === 'string' ? body.message : text.slice(0, 500) || res.statusText;
    return new MlflowApiError(res.status, code, message, method, path);
  }
}

export function isMlflowApiError(e: unknown, code?: string): e is MlflowApiError {
  return e instanceof MlflowApiError && (code === undefined || e.errorCode === code);
}
