import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { counter, gauge } from '@predictiondex/metrics';
import { workerLaunch } from '@predictiondex/worker-threads';
import { Worker } from 'node:worker_threads';
import type { FromLogWorker, PredictionLogWorkerConfig, ToLogWorker, WireRow } from './prediction-log.protocol';
import type { PredictionLogRow } from './prediction-log.sql';

export type { PredictionLogRow } from './prediction-log.sql';

/** The writer thread's bundle next to main.js (apps/api/webpack.config.cjs emits it). */
export const PREDICTION_LOG_WORKER_ENTRY = {
  source: 'prediction-log.worker.ts',
  bundledName: 'prediction-log-worker',
} as const;

/**
 * The outbox goes to the writer thread when it holds this many rows, or this long after its first
 * row: every message wakes that thread, which costs the event loop more than the rows' copy.
 */
const POST_ROWS = 64;
const POST_INTERVAL_MS = 5;

/** A batch that failed this many times is dropped (a row PostgreSQL refuses would otherwise block the log). */
const MAX_ATTEMPTS = 3;

/**
 * Writes the prediction log off the request path and off the event loop. `push` only appends the
 * row to an outbox; every 64 rows or 5 ms the outbox goes to the writer thread
 * (prediction-log.worker.ts) in one message, features packed into one Float32Array that is moved,
 * not copied. That thread formats the rows (137 floats as text per row) and sends batches of
 * PREDICTION_LOG_BATCH_SIZE rows in one multi-row INSERT, when a batch is full or every
 * PREDICTION_LOG_FLUSH_MS, on its own pool. When PostgreSQL is slow or down the rows not yet written
 * grow up to PREDICTION_LOG_MAX_BUFFER; beyond that new rows are dropped and counted, never waited
 * on. Shutdown writes everything still buffered. If the thread dies, the rows it held are counted as
 * failed and a new one takes over.
 */
@Injectable()
export class PredictionLogWriter implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(PredictionLogWriter.name);
  private worker?: Worker;
  private outbox: PredictionLogRow[] = [];
  private postScheduled = false;
  private postTimer?: NodeJS.Timeout;
  /** Rows handed to the writer thread and not yet settled (written or failed). */
  private inWorker = 0;
  private nextId = 1;
  private readonly waiting = new Map<number, () => void>();
  private readonly lookups = new Map<number, (found: boolean) => void>();
  private closing = false;
  private readonly rows = counter({
    name: 'api_prediction_log_rows_total',
    help: 'Prediction log rows by outcome: written, dropped (buffer full), failed (refused by PostgreSQL after retries)',
    labelNames: ['outcome'] as const,
  });
  private readonly buffered = gauge({
    name: 'api_prediction_log_buffered',
    help: 'Prediction log rows waiting to be written',
  });
  private readonly maxBuffer: number;

  constructor(@InjectConfig() private readonly config: ApiConfig) {
    this.maxBuffer = config.PREDICTION_LOG_MAX_BUFFER;
  }

  onModuleInit(): void {
    this.startWorker();
  }

  /** Queues a row; false when the buffer is full and the row was dropped. Never blocks. */
  push(row: PredictionLogRow): boolean {
    if (this.outbox.length + this.inWorker >= this.maxBuffer) {
      this.rows.inc({ outcome: 'dropped' });
      return false;
    }
    this.outbox.push(row);
    if (this.outbox.length >= POST_ROWS) {
      if (this.postTimer) clearTimeout(this.postTimer);
      this.postTimer = undefined;
      if (!this.postScheduled) {
        this.postScheduled = true;
        setImmediate(() => this.post());
      }
    } else if (!this.postTimer && !this.postScheduled) {
      this.postTimer = setTimeout(() => this.post(), POST_INTERVAL_MS);
    }
    return true;
  }

  /** The writer thread now running (diagnostics and tests). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  /**
   * Whether a row is still waiting in this replica's log, here or in the writer thread (feedback may
   * arrive before its prediction is written). A scan, not an index: it costs nothing on the
   * prediction path, and feedback is rare next to predictions.
   */
  async isBuffered(id: string): Promise<boolean> {
    if (this.outbox.some((row) => row.id === id)) return true;
    if (!this.inWorker || !this.worker) return false;
    const worker = this.worker;
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.lookups.set(requestId, resolve);
      worker.postMessage({ type: 'has', id: requestId, rowId: id } satisfies ToLogWorker);
    });
  }

  /** Rows pushed and not yet written (or given up on). */
  get pending(): number {
    return this.outbox.length + this.inWorker;
  }

  /** Resolves when every row pushed before the call has been written (or given up on after one more attempt). */
  flush(): Promise<void> {
    return this.request((id) => ({ type: 'flush', id }));
  }

  /** While requests may still be finishing: write what is there. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** After the HTTP server closed (no new rows can come): write the rest with retries, then stop the thread. */
  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.request((id) => ({ type: 'close', id }));
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private startWorker(): void {
    const launch = workerLaunch({ filename: __filename, dirname: __dirname }, PREDICTION_LOG_WORKER_ENTRY);
    const workerData: PredictionLogWorkerConfig = {
      databaseUrl: this.config.DATABASE_URL,
      batchSize: this.config.PREDICTION_LOG_BATCH_SIZE,
      flushMs: this.config.PREDICTION_LOG_FLUSH_MS,
      maxAttempts: MAX_ATTEMPTS,
    };
    const worker = new Worker(launch.filename, {
      execArgv: launch.execArgv,
      env: launch.env,
      workerData,
      name: 'prediction-log',
      // Its own V8 heap counts in the api's RSS: a full outbox (PREDICTION_LOG_MAX_BUFFER rows of
      // ~1.5 kB of SQL text) fits in 64 MB, and its garbage is short-lived.
      resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
    });
    worker.on('message', (message: FromLogWorker) => this.onMessage(message));
    worker.on('error', (e) => this.logger.error(`prediction log writer thread failed: ${e.stack ?? e.message}`));
    worker.on('exit', (code) => this.onExit(worker, code));
    // The thread never keeps the process alive by itself: the app closes it on shutdown.
    worker.unref();
    this.worker = worker;
  }

  private onMessage(message: FromLogWorker): void {
    switch (message.type) {
      case 'settled':
        this.inWorker -= message.written + message.failed;
        if (message.written) this.rows.inc({ outcome: 'written' }, message.written);
        if (message.failed) this.rows.inc({ outcome: 'failed' }, message.failed);
        this.buffered.set(this.pending);
        return;
      case 'flushed':
      case 'closed':
        this.waiting.get(message.id)?.();
        this.waiting.delete(message.id);
        return;
      case 'has':
        this.lookups.get(message.id)?.(message.found);
        this.lookups.delete(message.id);
        return;
      case 'log':
        if (message.level === 'error') this.logger.error(message.message);
        else this.logger.warn(message.message);
        return;
    }
  }

  private onExit(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.inWorker) {
      this.logger.error(`prediction log writer thread exited (code ${code}) holding ${this.inWorker} rows: they are lost`);
      this.rows.inc({ outcome: 'failed' }, this.inWorker);
      this.inWorker = 0;
    }
    for (const done of this.waiting.values()) done();
    this.waiting.clear();
    for (const answer of this.lookups.values()) answer(false);
    this.lookups.clear();
    if (!this.closing) this.startWorker();
  }

  /** Sends the outbox, then `message`, and waits for the thread's answer to it. */
  private request(message: (id: number) => ToLogWorker): Promise<void> {
    this.post();
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage(message(id));
    });
  }

  private post(): void {
    this.postScheduled = false;
    if (this.postTimer) clearTimeout(this.postTimer);
    this.postTimer = undefined;
    if (!this.outbox.length || !this.worker) return;
    const rows = this.outbox;
    this.outbox = [];
    let length = 0;
    for (const r of rows) length += r.features.length;
    const features = new Float32Array(length);
    const wire: WireRow[] = new Array(rows.length);
    let offset = 0;
    for (let i = 0; i < rows.length; i++) {
      const { features: f, ...rest } = rows[i];
      features.set(f, offset);
      wire[i] = { ...rest, featureOffset: offset, featureLength: f.length };
      offset += f.length;
    }
    this.inWorker += rows.length;
    this.worker.postMessage({ type: 'rows', rows: wire, features } satisfies ToLogWorker, [features.buffer]);
  }
}
