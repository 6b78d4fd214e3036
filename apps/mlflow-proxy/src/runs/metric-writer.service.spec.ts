import { register } from 'prom-client';
import { StorePool } from '../store/store-pool.service';
import { MetricPoint, MetricWriter } from './metric-writer.service';

const point = (runUuid: string, step: number): MetricPoint => ({ runUuid, key: 'loss', value: step / 10, timestamp: 1, step });

/** A store whose INSERTs finish when the test says so. */
class FakeStore {
  calls: { runs: string[]; released: boolean; release: () => void }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failRun: string | undefined;

  prepared(_name: string, _text: string, values: unknown[]): Promise<unknown[]> {
    const runs = values[0] as string[];
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) => {
      this.calls.push({
        runs,
        released: false,
        release: () => {
          this.inFlight--;
          if (this.failRun && runs.includes(this.failRun)) reject(new Error(`bad run ${this.failRun}`));
          else resolve([]);
        },
      });
    });
  }

  /** Completes every INSERT, including the ones the completions trigger, until none is left. */
  async releaseAll(): Promise<void> {
    for (let idle = 0; idle < 3; ) {
      const pending = this.calls.filter((c) => !c.released);
      idle = pending.length ? 0 : idle + 1;
      for (const c of pending) {
        c.released = true;
        c.release();
      }
      await new Promise((r) => setImmediate(r));
    }
  }
}

describe('MetricWriter (group commit)', () => {
  let store: FakeStore;
  let writer: MetricWriter;

  beforeEach(() => {
    register.clear();
    store = new FakeStore();
    writer = new MetricWriter(store as unknown as StorePool);
  });

  it('writes a lone request at once, and batches what arrives while INSERTs are in flight', async () => {
    const first = writer.write([point('a', 1)]);
    const second = writer.write([point('b', 1)]);
    // Both flush slots are taken by the first two; the next three wait and go out together.
    const rest = [writer.write([point('c', 1)]), writer.write([point('d', 1), point('d', 2)]), writer.write([point('e', 1)])];
    expect(store.calls.map((c) => c.runs)).toEqual([['a'], ['b']]);
    await store.releaseAll();
    await Promise.all([first, second, ...rest]);
    expect(store.calls.map((c) => c.runs)).toEqual([['a'], ['b'], ['c', 'd', 'd', 'e']]);
    expect(store.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('answers each request only after its own points are committed', async () => {
    let done = false;
    const p = writer.write([point('a', 1)]).then(() => (done = true));
    await new Promise((r) => setImmediate(r));
    expect(done).toBe(false);
    await store.releaseAll();
    await p;
    expect(done).toBe(true);
  });

  it('isolates a failing request from the others it was batched with', async () => {
    const blockers = [writer.write([point('x', 1)]), writer.write([point('y', 1)])];
    const good = writer.write([point('good', 1)]);
    const bad = writer.write([point('bad', 1)]).catch((e: Error) => e);
    store.failRun = 'bad';
    await store.releaseAll();
    await Promise.all(blockers);
    await expect(good).resolves.toBeUndefined();
    expect(await bad).toEqual(new Error('bad run bad'));
    // The combined write failed, then each request was retried alone.
    expect(store.calls.map((c) => c.runs)).toEqual([['x'], ['y'], ['good', 'bad'], ['good'], ['bad']]);
  });

  it('resolves empty writes without touching the store and drains on shutdown', async () => {
    await writer.write([]);
    expect(store.calls).toHaveLength(0);
    const pending = writer.write([point('a', 1)]);
    const closing = writer.onModuleDestroy();
    await store.releaseAll();
    await Promise.all([pending, closing]);
  });
});
