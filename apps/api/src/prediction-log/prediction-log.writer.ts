import { Injectable, Logger, OnApplicationShutdown, OnModuleInit, BeforeApplicationShutdown } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import type { PredictionEndpoint } from '@predictiondex/db';
import { counter, gauge } from '@predictiondex/metrics';
import { Pool } from 'pg';

export interface PredictionLogRow {
  id: string;
  createdAt: Date;
  endpoint: PredictionEndpoint;
  modelName: string;
  modelVersion: string;
  featureVersion: string;
  pokemonAId: number;
  pokemonBId: number;
  moveAId: number;
  moveBId: number;
  request: Record<string, unknown>;
  features: Float32Array;
  probability: number;
  simulatedWinRate: number | null;
}

const COLUMNS = [
  'id',
  'created_at',
  'endpoint',
  'model_name',
  'model_version',
  'feature_version',
  'pokemon_a_id',
  'pokemon_b_id',
  'move_a_id',
  'move_b_id',
  'request',
  'features',
  'probability',
  'simulated_win_rate',
];
const CASTS: Record<string, string> = { request: '::jsonb', features: '::real[]', created_at: '::timestamptz' };
/** A batch that failed this many times is dropped (a row PostgreSQL refuses would otherwise block the log). */
const MAX_ATTEMPTS = 3;

/**
 * A float4 array literal that PostgreSQL reads back to exactly the same float32 values: each value
 * in JavaScript's shortest form for the (exactly representable) double, which float4 input rounds
 * back to the same float32; NaN and ±Infinity as PostgreSQL spells them.
 */
export function realArrayLiteral(values: Float32Array): string {
  return `{${values.join(',')}}`;
}

/** A row as the INSERT's parameters, in COLUMNS order (serialised when pushed: no burst at flush). */
export type PreparedRow = readonly unknown[];

export function prepareRow(r: PredictionLogRow): PreparedRow {
  return [
    r.id,
    r.createdAt.toISOString(),
    r.endpoint,
    r.modelName,
    r.modelVersion,
    r.featureVersion,
    r.pokemonAId,
    r.pokemonBId,
    r.moveAId,
    r.moveBId,
    JSON.stringify(r.request),
    realArrayLiteral(r.features),
    r.probability,
    r.simulatedWinRate,
  ];
}

/** One multi-row INSERT for a batch: the SQL and its parameters. */
export function insertStatement(rows: readonly PreparedRow[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((values) => {
    const start = params.length;
    for (const v of values) params.push(v);
    return `(${COLUMNS.map((c, i) => `$${start + i + 1}${CASTS[c] ?? ''}`).join(',')})`;
  });
  return { sql: `INSERT INTO prediction_log (${COLUMNS.join(',')}) VALUES ${tuples.join(',')} ON CONFLICT (id) DO NOTHING`, params };
}

/**
 * Writes the prediction log off the request path: `push` only appends to a buffer; a flush sends up
 * to PREDICTION_LOG_BATCH_SIZE rows in one multi-row INSERT, when a batch is full or every
 * PREDICTION_LOG_FLUSH_MS. When PostgreSQL is slow or down the buffer grows up to
 * PREDICTION_LOG_MAX_BUFFER rows; beyond that new rows are dropped and counted, never waited on.
 * Its own small pool, so log writes never queue behind (or in front of) anything else. Shutdown
 * flushes everything still buffered.
 */
@Injectable()
export class PredictionLogWriter implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(PredictionLogWriter.name);
  private readonly pool: Pool;
  private buffer: PreparedRow[] = [];
  private flushing: Promise<void> | null = null;
  private attempts = 0;
  private timer?: NodeJS.Timeout;
  private scheduled = false;
  private readonly rows = counter({
    name: 'api_prediction_log_rows_total',
    help: 'Prediction log rows by outcome: written, dropped (buffer full), failed (refused by PostgreSQL after retries)',
    labelNames: ['outcome'] as const,
  });
  private readonly buffered = gauge({ name: 'api_prediction_log_buffered', help: 'Prediction log rows waiting to be written' });
  private readonly batchSize: number;
  private readonly maxBuffer: number;

  constructor(@InjectConfig() private readonly config: ApiConfig) {
    this.batchSize = config.PREDICTION_LOG_BATCH_SIZE;
    this.maxBuffer = config.PREDICTION_LOG_MAX_BUFFER;
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: 2, application_name: 'predictiondex-api-log', idleTimeoutMillis: 30_000 });
    this.pool.on('error', (e) => this.logger.warn(`prediction log connection error: ${e.message}`));
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.PREDICTION_LOG_FLUSH_MS);
    this.timer.unref();
  }

  /** Queues a row; false when the buffer is full and the row was dropped. Never blocks. */
  push(row: PredictionLogRow): boolean {
    if (this.buffer.length >= this.maxBuffer) {
      this.rows.inc({ outcome: 'dropped' });
      return false;
    }
    // Serialised now (~10 µs per row) rather than all at once when a 500-row batch is flushed,
    // which would stall the event loop for every request waiting behind it.
    this.buffer.push(prepareRow(row));
    if (this.buffer.length >= this.batchSize && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.flush();
      });
    }
    return true;
  }

  /**
   * Whether a row is still waiting in this replica's buffer (feedback may arrive before its
   * prediction is written). A scan, not an index: it costs nothing on the prediction path, and
   * feedback is rare next to predictions.
   */
  isBuffered(id: string): boolean {
    for (const row of this.buffer) if (row[0] === id) return true;
    return false;
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes what is buffered, one batch at a time; concurrent calls share the flush in progress. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.flushAll().finally(() => {
        this.flushing = null;
        this.buffered.set(this.buffer.length);
      });
    }
    return this.flushing;
  }

  private async flushAll(): Promise<void> {
    while (this.buffer.length) {
      const batch = this.buffer.slice(0, this.batchSize);
      try {
        const { sql, params } = insertStatement(batch);
        await this.pool.query(sql, params);
        this.buffer.splice(0, batch.length);
        this.attempts = 0;
        this.rows.inc({ outcome: 'written' }, batch.length);
      } catch (e) {
        this.attempts++;
        if (this.attempts >= MAX_ATTEMPTS) {
          this.buffer.splice(0, batch.length);
          this.attempts = 0;
          this.rows.inc({ outcome: 'failed' }, batch.length);
          this.logger.error(`prediction log: dropped ${batch.length} rows after ${MAX_ATTEMPTS} failed writes: ${(e as Error).message}`);
        } else {
          this.logger.warn(`prediction log write failed (${(e as Error).message}); ${this.buffer.length} rows kept for the next flush`);
        }
        return;
      }
    }
  }

  /** While requests may still be finishing: write what is there. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** After the HTTP server closed (no new rows can come): write the rest, then close the pool. */
  async onApplicationShutdown(): Promise<void> {
    for (let i = 0; i < MAX_ATTEMPTS && this.buffer.length; i++) await this.flush();
    if (this.buffer.length) this.logger.error(`prediction log: ${this.buffer.length} rows could not be written before shutdown`);
    await this.pool.end();
  }
}
