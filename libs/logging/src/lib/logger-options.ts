import pino, { DestinationStream, LoggerOptions } from 'pino';

export interface LoggingSettings {
  service: string;
  level: string;
  /** Log every HTTP request (default true). */
  requestLogs?: boolean;
  /** File descriptor: 1 (stdout, default) or 2 (stderr, for CLIs whose stdout is their result). */
  fd?: 1 | 2;
}

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export function loggerOptions(settings: LoggingSettings): LoggerOptions & { stream?: DestinationStream } {
  return {
    level: settings.level,
    base: { service: settings.service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    ...(settings.fd === 2 ? { stream: pino.destination({ fd: 2, sync: true }) } : {}),
  };
}

/** A plain logger for command-line entry points and code outside Nest. */
export function createLogger(settings: LoggingSettings): pino.Logger {
  const { stream, ...options } = loggerOptions(settings);
  return stream ? pino(options, stream) : pino(options);
}
