import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { histogram } from '@predictiondex/metrics';
import { StorePool } from '../store/store-pool.service';

export interface MetricPoint {
  runUuid: string;
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

interface PendingWrite {
  points: MetricPoint[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Most points in one INSERT; a flush beyond this waits for the next round. */
const MAX_POINTS_PER_FLUSH = 20_000;

/** INSERTs in flight at once: one fills while the other commits, so the pool never idles on a round trip. */
const MAX_CONCURRENT_FLUSHES = 2;

/**
 * One statement writes a whole batch: the history rows (a retried point is stored once) and the
 * latest value per (run, key), which only moves forward in (step, timestamp, value). The input goes
 * in as arrays so the text never changes and the statement is prepared once per connection.
 * DISTINCT ON keeps one row per (run, key) for the upsert; both inserts take their locks in key
 * order, so concurrent writers queue behind each other instead of deadlocking.
 */
const WRITE_POINTS_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::float8[], $4::int8[], $5::int8[]) AS t(run_uuid, key, value, ts, step)
), history AS (
  INSERT INTO mlflow.metrics (run_uuid, key, step, timestamp, value)
  SELECT run_uuid, key, step, ts, value FROM input ORDER BY run_uuid, key, step, ts, value
  ON CONFLICT DO NOTHING
)
INSERT INTO mlflow.latest_metrics AS l (run_uuid, key, step, timestamp, value)
SELECT DISTINCT ON (run_uuid, key) run_uuid, key, step, ts, value FROM input
ORDER BY run_uuid, key, step DESC, ts DESC, value DESC
ON CONFLICT (run_uuid, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp, value = excluded.value
WHERE (excluded.step, excluded.timestamp, excluded.value) > (l.step, l.timestamp, l.value)`;

/**
 * Group commit for metric points. While INSERTs are in flight, the points of every request that
 * arrives queue up and go out together in the next one; each request is answered only once its
 * points are committed. Under load this turns N commits into a handful; alone, a request is written
 * at once. If a combined write fails, each request is retried on its own so one bad request cannot
 * fail its neighbours.
 */
@Injectable()
export class MetricWriter implements OnModuleDestroy {
  private queue: PendingWrite[] = [];
  private readonly flushes = new Set<Promise<void>>();
  private readonly batchSize = histogram({
    name: 'mlflow_proxy_metric_flush_points',
    help: 'Metric points written per INSERT by the group-commit writer',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 20000],
  });

  constructor(private readonly store: StorePool) {}

  write(points: MetricPoint[]): Promise<void> {
    if (!points.length) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ points, resolve, reject });
      if (this.flushes.size < MAX_CONCURRENT_FLUSHES) {
        const flush: Promise<void> = this.drain().finally(() => this.flushes.delete(flush));
        this.flushes.add(flush);
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    // Let queued requests finish before the pool closes.
    while (this.flushes.size) await Promise.all(this.flushes);
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch: PendingWrite[] = [];
      let points = 0;
      for (let next = this.queue[0]; next && (batch.length === 0 || points + next.points.length <= MAX_POINTS_PER_FLUSH); next = this.queue[0]) {
        this.queue.shift();
        batch.push(next);
        points += next.points.length;
      }
      try {
        await this.insert(batch.flatMap((w) => w.points));
        for (const w of batch) w.resolve();
      } catch (e) {
        if (batch.length === 1) batch[0].reject(e);
        else for (const w of batch) await this.insert(w.points).then(w.resolve, w.reject);
      }
    }
  }

  private async insert(points: MetricPoint[]): Promise<void> {
    this.batchSize.observe(points.length);
    await this.store.prepared('mlflow_write_points', WRITE_POINTS_SQL, [
      points.map((p) => p.runUuid),
      points.map((p) => p.key),
      points.map((p) => p.value),
      points.map((p) => p.timestamp),
      points.map((p) => p.step),
    ]);
  }
}
