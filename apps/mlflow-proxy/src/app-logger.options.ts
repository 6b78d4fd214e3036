import type { MlflowProxyConfig } from '@predictiondex/config';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLIC_PATHS } from './common/api-routes.constants';
import { principalOf } from './auth/principal';

const QUIET = new Set<string>(PUBLIC_PATHS);

/**
 * JSON logs, one line per request. Credentials never reach a log line: the request serializer keeps
 * method, URL and caller name only, and the authorization header is redacted wherever it appears.
 * Probes and scrapes are not logged (they would drown everything else).
 */
export function loggerOptions(config: MlflowProxyConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: 'mlflow-proxy' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      customProps: (req: IncomingMessage) => {
        const principal = principalOf(req);
        return principal ? { principal: principal.name } : {};
      },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Behind middie, req.url is relative to the middleware's mount point; originalUrl is the full one.
      autoLogging: { ignore: (req: IncomingMessage & { originalUrl?: string }) => QUIET.has((req.originalUrl ?? req.url ?? '').split('?')[0] ?? '') },
    },
  };
}
