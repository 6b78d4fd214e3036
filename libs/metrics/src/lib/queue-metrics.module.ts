import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CountableQueue, registerQueueMetrics } from './queue-metrics';

const QUEUE_METRICS_QUEUES = Symbol('QUEUE_METRICS_QUEUES');

class QueueMetricsRegistration implements OnModuleInit, OnApplicationShutdown {
  private stop?: () => void;
  constructor(@Inject(QUEUE_METRICS_QUEUES) private readonly queues: CountableQueue[]) {}
  onModuleInit(): void {
    this.stop = registerQueueMetrics(this.queues);
  }
  onApplicationShutdown(): void {
    this.stop?.();
  }
}

/**
 * Exports `queue_jobs{queue,state}` for BullMQ queues, on the connection of the app's
 * BullModule.forRoot. Import it next to them: `QueueMetricsModule.forQueues([QUEUES.mlBuild])`. Export the queues a
 * service consumes (one exporter per queue keeps sums honest; dashboards use max by (queue, state)).
 */
@Module({})
export class QueueMetricsModule {
  static forQueues(names: readonly string[]): DynamicModule {
    return {
      module: QueueMetricsModule,
      // Its own handles on the queues (same names, the app's BullModule.forRoot connection): the
      // app's queue providers are not visible from here.
      imports: [BullModule.registerQueue(...names.map((name) => ({ name })))],
      providers: [
        {
          provide: QUEUE_METRICS_QUEUES,
          inject: names.map((n) => getQueueToken(n)),
          useFactory: (...queues: CountableQueue[]) => queues,
        },
        QueueMetricsRegistration,
      ],
    };
  }
}
