import { MLFLOW_ERROR_STATUS, MlflowErrorBody, MlflowErrorCode } from '@predictiondex/mlflow-client';

/** An error the client is meant to read: answered as `{"error_code", "message"}` with MLflow's status. */
export class MlflowError extends Error {
  readonly status: number;

  constructor(
    readonly errorCode: MlflowErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MlflowError';
    this.status = MLFLOW_ERROR_STATUS[errorCode];
  }

  toBody(): MlflowErrorBody {
    return { error_code: this.errorCode, message: this.message };
  }

  static invalidParameter(message: string): MlflowError {
    return new MlflowError('INVALID_PARAMETER_VALUE', message);
  }

  static notFound(message: string): MlflowError {
    return new MlflowError('RESOURCE_DOES_NOT_EXIST', message);
  }

  static alreadyExists(message: string): MlflowError {
    return new MlflowError('RESOURCE_ALREADY_EXISTS', message);
  }

  static tooLarge(limit: number): MlflowError {
    return new MlflowError('RESOURCE_EXHAUSTED', `Request body exceeds the limit of ${limit} bytes`);
  }
}
