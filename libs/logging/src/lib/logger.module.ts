import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { loggerOptions, LoggingSettings } from './logger-options';

/** JSON logs through pino, one line per event, request logs without headers that carry secrets. */
@Module({})
export class LoggingModule {
  static forRoot(settings: LoggingSettings): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        PinoLoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions(settings),
            autoLogging: settings.requestLogs ?? true,
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
          },
          exclude: ['/health', '/health/(.*)', '/metrics'],
        }),
      ],
    };
  }
}
