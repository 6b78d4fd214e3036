import { deleteRedisPrefix, TEST_REDIS_URL, testQueuePrefix } from '@predictiondex/testing';
import Redis from 'ioredis';
import { EventBus } from './event-bus';
import { EVENTS } from './queue-names';

describe('EventBus (real Redis)', () => {
  const prefix = testQueuePrefix('eventbus');
  const pub = new Redis(TEST_REDIS_URL);
  const sub = new Redis(TEST_REDIS_URL);

  afterAll(async () => {
    await deleteRedisPrefix(prefix);
    pub.disconnect();
    sub.disconnect();
  });

  it('delivers a validated event to subscribers and keeps the last one', async () => {
    const bus = new EventBus(prefix, pub, sub);
    const got = new Promise((resolve) => void bus.subscribe(EVENTS.modelPublished, resolve));
    await new Promise((r) => setTimeout(r, 50));
    const payload = { name: 'battle-winner', version: '2', alias: 'champion', runId: 'abc' };
    await bus.publish(EVENTS.modelPublished, payload);
    await expect(got).resolves.toEqual(payload);
    await expect(bus.last(EVENTS.modelPublished)).resolves.toEqual(payload);
  });

  it('refuses to publish an invalid payload', async () => {
    const bus = new EventBus(prefix, pub);
    await expect(bus.publish(EVENTS.modelPublished, { name: '', version: '1', alias: 'x', runId: 'r' })).rejects.toThrow(/name/);
  });
});
