import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BffHttpError, errorBody } from './bff-http-error';

interface StatusError {
  statusCode?: number;
  message?: string;
}

/**
 * Every error leaves as `{statusCode, error, message}` (the api's shape), including unknown routes,
 * malformed JSON and bodies over the limit. Unexpected errors are a 500 with a generic message; the
 * detail goes to the log. Health endpoints keep Terminus's report.
 */
@Catch()
export class BffExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('BffExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    if (exception instanceof HttpException && request.url.startsWith('/health')) {
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    let body;
    if (exception instanceof BffHttpError) {
      body = exception.getResponse();
      for (const [k, v] of Object.entries(exception.headers)) void reply.header(k, v);
    } else if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      body = errorBody(status, Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message);
    } else {
      const status = (exception as StatusError)?.statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        body = errorBody(status, (exception as StatusError).message ?? 'bad request');
      } else {
        this.logger.error({ err: exception, method: request.method, url: request.url }, 'request failed');
        body = errorBody(500, 'internal error');
      }
    }
    void reply
      .status((body as { statusCode: number }).statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(body);
  }
}
