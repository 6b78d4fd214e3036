import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { ApiError, ApiErrorBody } from './api-error';

/** Fastify's own errors (malformed JSON, body too large, bad content type) carry a 4xx statusCode. */
interface StatusError {
  statusCode?: number;
  status?: number;
  message?: string;
}

export function errorBody(statusCode: number, message: string, details?: ApiErrorBody['details']): ApiErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details?.length ? { details } : {}) };
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Every error leaves as `{statusCode, error, message, details?}`, including those raised before a
 * controller runs (unknown route, malformed JSON, body too large), which Nest routes here too. An
 * unexpected error is a 500 with a generic message (its details go to the log, not the client).
 * The health endpoints keep Terminus's report, which probes and dashboards read.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy(exception instanceof Error ? exception : undefined);
      return;
    }
    if (exception instanceof HttpException && request.url.startsWith('/health')) {
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const { body, headers } = this.describe(exception, request);
    if (body.statusCode >= 500 && !(exception instanceof ApiError)) {
      this.logger.error({ err: exception, method: request.method, url: request.url }, 'request failed');
    }
    for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private describe(exception: unknown, request: FastifyRequest): { body: ApiErrorBody; headers: Record<string, string> } {
    if (exception instanceof ApiError) {
      return { body: errorBody(exception.getStatus(), exception.message, exception.details), headers: exception.headers };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message =
        status === 404 && exception.message.startsWith('Cannot ')
          ? `no route for ${request.method} ${request.url.split('?')[0]}`
          : status >= 500
            ? 'internal server error'
            : httpExceptionMessage(exception);
      return { body: errorBody(status, message), headers: {} };
    }
    const e = exception as StatusError | undefined;
    const status = e?.statusCode ?? e?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { body: errorBody(status, e?.message ?? STATUS_CODES[status] ?? 'error'), headers: {} };
    }
    return { body: errorBody(500, 'internal server error'), headers: {} };
  }
}
