import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { MlflowErrorBody, MlflowErrorCode } from '@predictiondex/mlflow-client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MlflowError } from './mlflow-error';

const CODE_BY_STATUS: Record<number, MlflowErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  413: 'RESOURCE_EXHAUSTED',
  415: 'BAD_REQUEST',
  429: 'REQUEST_LIMIT_EXCEEDED',
  503: 'TEMPORARILY_UNAVAILABLE',
};

interface FastifyErrorLike {
  statusCode?: number;
  code?: string;
  message: string;
}

/**
 * Every error leaves as MLflow's `{"error_code", "message"}` — including the ones raised before a
 * controller runs (unknown route, malformed JSON, body too large), which Nest routes here too.
 * The health endpoints keep Terminus's report, which is what probes and dashboards read.
 */
@Catch()
export class MlflowExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('MlflowExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (reply.sent || reply.raw.headersSent) {
      // A stream failed half-way: the status line is gone, all that is left is to cut the connection.
      reply.raw.destroy(exception instanceof Error ? exception : undefined);
      return;
    }
    const { status, body } = this.describe(exception, request);
    if (status >= 500) this.logger.error({ err: exception, method: request.method, url: request.url }, 'request failed');
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private describe(exception: unknown, request: FastifyRequest): { status: number; body: MlflowErrorBody | object } {
    if (exception instanceof MlflowError) return { status: exception.status, body: exception.toBody() };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (request.url.startsWith('/health')) return { status, body: exception.getResponse() as object };
      const message =
        status === 404 && exception.message.startsWith('Cannot ')
          ? `No API route for ${request.method} ${request.url.split('?')[0]}`
          : exception.message;
      return { status, body: { error_code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'), message } };
    }
    const fastifyError = exception as FastifyErrorLike;
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const status = fastifyError.statusCode;
      return { status, body: { error_code: CODE_BY_STATUS[status] ?? 'BAD_REQUEST', message: fastifyError.message } };
    }
    return { status: 500, body: { error_code: 'INTERNAL_ERROR', message: 'Internal server error' } };
  }
}
