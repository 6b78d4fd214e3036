import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix } from '@predictiondex/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { redisOptionsFromUrl } from './redis-connection';
import { requestRetrain } from './retrain-requests';
import { JOBS, QUEUES } from './queue-names';

describe('requestRetrain (real Redis + BullMQ)', () => {
  const prefix = testQueuePrefix('retrain');
  const redis = new Redis(TEST_REDIS_URL);
  const queue = new Queue(QUEUES.mlBuild, { connection: redisOptionsFromUrl(TEST_REDIS_URL), prefix });

  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await deleteRedisPrefix(prefix);
  });

  it('merges triggers that arrive while a retrain waits, even concurrently', async () => {
    const results = await Promise.all([
      requestRetrain(queue, redis, { reason: 'drift', details: { share: 0.6 } }),
      requestRetrain(queue, redis, { reason: 'feedback', details: { accuracy: 0.61 } }),
      requestRetrain(queue, redis, { reason: 'manual' }),
      requestRetrain(queue, redis, { reason: 'drift', details: { share: 0.7 } }),
    ]);
    const jobs = (await queue.getJobs(['waiting'])).filter((j) => j.name === JOBS.retrain);
    expect(jobs).toHaveLength(1);
    expect(results.filter((r) => !r.merged)).toHaveLength(1);
    expect(new Set(results.map((r) => r.jobId))).toEqual(new Set([jobs[0].id]));
    expect([...jobs[0].data.reasons].sort()).toEqual(['drift', 'feedback', 'manual']);
    expect(jobs[0].data.details.feedback).toMatchObject({ accuracy: 0.61 });
  });

  it('starts a new request once the waiting one has been taken', async () => {
    const [waiting] = (await queue.getJobs(['waiting'])).filter((j) => j.name === JOBS.retrain);
    await waiting.remove();
    const next = await requestRetrain(queue, redis, { reason: 'schedule' });
    expect(next).toMatchObject({ merged: false, reasons: ['schedule'] });
  });
});
