import { LoggerService } from '@nestjs/common';
import type pino from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over a pino logger: every line JSON, `context` as a field, errors with
 * their stack. (What nestjs-pino's Logger does, without its per-request middleware.)
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: pino.Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the context last; error() may pass a stack string before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const bindings: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof args[0] === 'string' && args[0].includes('\n    at ')) bindings['stack'] = args.shift();
    if (message instanceof Error) {
      this.pino[level]({ ...bindings, err: message }, message.message);
    } else if (message && typeof message === 'object') {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.pino[level]({ ...bindings, ...fields }, typeof msg === 'string' ? msg : typeof args[0] === 'string' ? (args[0] as string) : '');
    } else {
      this.pino[level](bindings, String(message));
    }
  }
}
