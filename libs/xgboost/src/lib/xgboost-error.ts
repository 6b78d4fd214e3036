/**
 * A non-zero return code from libxgboost. `message` keeps XGBoost's own text (without the native
 * stack trace, which is kept in `nativeDetail` for logs) so callers can match on it.
 */
export class XGBoostError extends Error {
  constructor(
    readonly functionName: string,
    readonly xgboostMessage: string,
    readonly nativeDetail: string,
  ) {
    super(`${functionName} failed: ${xgboostMessage}`);
    this.name = 'XGBoostError';
  }
}

/** libxgboost could not be loaded from any candidate path. */
export class XGBoostLibraryNotFoundError extends Error {
  constructor(readonly attempts: readonly { candidate: string; error: string }[]) {
    super(
      'Could not load the XGBoost C library (libxgboost). On Debian/Ubuntu install it with ' +
        '`apt-get install libxgboost0`, or point XGBOOST_LIBRARY_PATH at libxgboost.so. Tried:\n' +
        attempts.map((a) => `  - ${a.candidate}: ${a.error}`).join('\n'),
    );
    this.name = 'XGBoostLibraryNotFoundError';
  }
}
