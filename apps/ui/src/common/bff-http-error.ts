import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { BffError } from '../contract/bff-contract';

export function errorBody(statusCode: number, message: string, details?: BffError['details']): BffError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details?.length ? { details } : {}) };
}

/** An error the BFF answers on purpose, in the api's error shape, with optional headers (Retry-After). */
export class BffHttpError extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(errorBody(status, message), status);
  }
}

/** Messages the SPA shows as they are: they say what is down, never how (no hosts, no stack traces). */
export const UPSTREAM_MESSAGES = {
  apiUnreachable: 'the prediction service is unreachable',
  apiTimeout: 'the prediction service did not answer in time',
  apiRefusedUi: 'the prediction service refused the ui (check UI_API_KEY and its scopes)',
  apiBadAnswer: 'the prediction service sent an unexpected answer',
  registryUnreachable: 'the model registry is unreachable',
  pipelineDatabase: 'the ETL run history is unavailable (database unreachable)',
  pipelineQueue: 'the build queue is unavailable (Redis unreachable)',
} as const;
