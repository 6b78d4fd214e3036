import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { redisOptionsFromUrl } from '@predictiondex/queues';
import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix } from '@predictiondex/testing';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { MetricsModule } from './metrics.module';
import { QueueMetricsModule } from './queue-metrics.module';

const prefix = testQueuePrefix('queue_metrics');
const connection = redisOptionsFromUrl(TEST_REDIS_URL);

@Module({
  imports: [
    MetricsModule.forRoot({ service: 'queue-test', httpMetricPrefix: 'queue_test_http' }),
    BullModule.forRoot({ connection, prefix }),
    BullModule.registerQueue({ name: 'work' }),
    QueueMetricsModule.forQueues(['work']),
  ],
})
class QueueTestModule {}

describe('QueueMetricsModule against Redis', () => {
  let app: NestFastifyApplication;
  let queue: Queue;
  let worker: Worker | undefined;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(QueueTestModule, new FastifyAdapter(), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    queue = new Queue('work', { connection, prefix });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await app?.close();
    await deleteRedisPrefix(prefix);
  });

  it('exports waiting, delayed, failed and completed counts of a real queue on /metrics', async () => {
    await queue.add('fail', {});
    await queue.add('ok', {});
    worker = new Worker(
      'work',
      async (job) => {
        if (job.name === 'fail') throw new UnrecoverableError('boom');
        return 1;
      },
      { connection, prefix },
    );
    for (let i = 0; i < 50; i++) {
      const c = await queue.getJobCounts('failed', 'completed');
      if (c['failed'] === 1 && c['completed'] === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await worker.close();
    worker = undefined;
    await queue.addBulk([{ name: 'later', data: {} }, { name: 'later', data: {} }, { name: 'later', data: {} }]);
    await queue.add('delayed', {}, { delay: 60_000 });

    const text = await (await fetch(`${await app.getUrl()}/metrics`)).text();
    const value = (state: string) => Number(new RegExp(`queue_jobs\\{queue="work",state="${state}",service="queue-test"\\} (\\d+)`).exec(text)?.[1]);
    expect(value('waiting')).toBe(3);
    expect(value('delayed')).toBe(1);
    expect(value('failed')).toBe(1);
    expect(value('completed')).toBe(1);
    expect(value('active')).toBe(0);
  });
});
