import { Injectable, Logger } from '@nestjs/common';
import { ApiOperation, fillPath } from '@predictiondex/api-client';
import { InjectConfig, UiConfig } from '@predictiondex/config';
import { BffHttpError, UPSTREAM_MESSAGES } from '../common/bff-http-error';
import { UpstreamOutcome, upstreamDuration, upstreamRequests } from './upstream.metrics';

export interface ForwardRequest {
  operation: ApiOperation;
  /** Path parameters, by name in the template. */
  params?: Record<string, string>;
  /** The browser's raw query string, without "?" (the api validates it). */
  query?: string;
  /** JSON body (POST). */
  body?: unknown;
}

export interface ForwardedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Response headers of the api worth relaying to the browser; everything else stays server side. */
const RELAYED_HEADERS = ['content-type', 'retry-after'];

/**
 * An HTML page of the api (a drift or performance report) is relayed as a page of its own, under a CSP that
 * lets nothing load or run in it but its inline styles (and data: images), never sniffed into
 * something else: whatever it held could not script the ui's origin.
 */
export const HTML_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

/**
 * Calls the api for the browser: the ui's own key goes in X-API-Key (the browser never holds a key,
 * and nothing the browser sends but the query string and JSON body reaches the api), within
 * API_TIMEOUT_MS. Api answers, errors included, are relayed as they are (they are already
 * `{statusCode, error, message}`), except 401/403 — a misconfigured ui key is not the user's problem
 * to solve by logging in — which become 502. An outage is a 503 the SPA shows as a message. An
 * operation that answers HTML (`responds: 'html'`) is relayed with HTML_PAGE_HEADERS when it answers
 * a page; its errors (and JSON it may answer on request) are relayed like every other JSON answer.
 */
@Injectable()
export class ApiForwarder {
  private readonly logger = new Logger(ApiForwarder.name);

  constructor(@InjectConfig() private readonly config: UiConfig) {}

  async forward(request: ForwardRequest): Promise<ForwardedResponse> {
    const { operation } = request;
    const html = operation.responds === 'html' || operation.responds === 'html+json';
    const path = fillPath(operation.path, request.params ?? {});
    const url = `${this.config.API_URL}${path}${request.query ? `?${request.query}` : ''}`;
    const labels = { upstream: 'api', operation: `${operation.method} ${operation.path}` };
    const stop = upstreamDuration.startTimer(labels);
    const count = (outcome: UpstreamOutcome) => upstreamRequests.inc({ ...labels, outcome });
    let res: Response;
    try {
      res = await fetch(url, {
        method: operation.method,
        headers: {
          accept: html ? 'text/html, application/json' : 'application/json',
          'x-api-key': this.config.UI_API_KEY,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(this.config.API_TIMEOUT_MS),
        redirect: 'error',
      });
    } catch (e) {
      stop();
      const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
      count(timedOut ? 'timeout' : 'unreachable');
      this.logger.warn(`api ${labels.operation}: ${timedOut ? 'timed out' : `unreachable (${describeCause(e)})`}`);
      throw timedOut ? new BffHttpError(504, UPSTREAM_MESSAGES.apiTimeout) : new BffHttpError(503, UPSTREAM_MESSAGES.apiUnreachable, { 'retry-after': '5' });
    }
    let body: string;
    try {
      body = await res.text();
    } catch (e) {
      stop();
      count('unreachable');
      this.logger.warn(`api ${labels.operation}: connection lost while reading the answer (${describeCause(e)})`);
      throw new BffHttpError(503, UPSTREAM_MESSAGES.apiUnreachable, { 'retry-after': '5' });
    }
    stop();
    if (res.status === 401 || res.status === 403) {
      count('refused');
      this.logger.error(`api ${labels.operation}: the api answered ${res.status} to the ui's key: check UI_API_KEY and its scopes (read|predict)`);
      throw new BffHttpError(502, UPSTREAM_MESSAGES.apiRefusedUi);
    }
    const contentType = res.headers.get('content-type') ?? '';
    if (html && res.ok && contentType.startsWith('text/html')) {
      count('ok');
      return { status: res.status, headers: { ...HTML_PAGE_HEADERS }, body };
    }
    // A page operation's success that is not its page (unless it may answer JSON), or anything else that is not JSON.
    if ((html && res.ok && operation.responds !== 'html+json') || !contentType.includes('json')) {
      count('server_error');
      this.logger.warn(`api ${labels.operation}: answered ${res.status} with ${contentType || 'no content type'}`);
      throw new BffHttpError(502, UPSTREAM_MESSAGES.apiBadAnswer);
    }
    count(res.status >= 500 ? 'server_error' : res.status >= 400 ? 'client_error' : 'ok');
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    for (const name of RELAYED_HEADERS) {
      const value = res.headers.get(name);
      if (value) headers[name] = value;
    }
    return { status: res.status, headers, body };
  }
}

function describeCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}
