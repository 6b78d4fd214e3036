import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { EventBus } from './event-bus';
import { createRedisConnection } from './redis-connection';

export interface EventBusSettings {
  redisUrl: string;
  prefix: string;
  /** Open a subscriber connection too (only processes that listen need one). */
  subscribe: boolean;
}

const EVENT_BUS_CONNECTIONS = Symbol('EVENT_BUS_CONNECTIONS');

@Injectable()
class EventBusConnections implements OnApplicationShutdown {
  constructor(@Inject(EVENT_BUS_CONNECTIONS) private readonly connections: Redis[]) {}

  onApplicationShutdown(): void {
    for (const c of this.connections) c.disconnect();
  }
}

/** Provides the EventBus from settings computed at start (usually from the app's validated config). */
@Module({})
export class EventBusModule {
  static forRootAsync(options: { useFactory: (...args: any[]) => EventBusSettings; inject?: any[] }): DynamicModule {
    return {
      module: EventBusModule,
      global: true,
      providers: [
        {
          provide: EVENT_BUS_CONNECTIONS,
          useFactory: (...args: unknown[]) => {
            const s = options.useFactory(...args);
            const pub = createRedisConnection(s.redisUrl, 'producer');
            return s.subscribe ? [pub, createRedisConnection(s.redisUrl, 'subscriber')] : [pub];
          },
          inject: options.inject ?? [],
        },
        {
          provide: EventBus,
          useFactory: (connections: Redis[], ...args: unknown[]) => new EventBus(options.useFactory(...args).prefix, connections[0], connections[1]),
          inject: [EVENT_BUS_CONNECTIONS, ...(options.inject ?? [])],
        },
        EventBusConnections,
      ],
      exports: [EventBus],
    };
  }
}
