import type { PredictionLogRow } from './prediction-log.sql';

/** What the writer thread is started with (workerData). */
export interface PredictionLogWorkerConfig {
  databaseUrl: string;
  batchSize: number;
  flushMs: number;
  /** A batch PostgreSQL refuses this many times in a row is dropped (it would block the log forever). */
  maxAttempts: number;
}

/** A row without its features: those travel packed in one Float32Array per message (moved, not copied). */
export type WireRow = Omit<PredictionLogRow, 'features'> & {
  featureOffset: number;
  featureLength: number;
};

export type ToLogWorker =
  | { type: 'rows'; rows: WireRow[]; features: Float32Array }
  /** Write everything received so far (retrying a failed batch once more), then answer `flushed`. */
  | { type: 'flush'; id: number; final?: boolean }
  /** Is the row with this id still waiting to be written here? Answered by `has`. */
  | { type: 'has'; id: number; rowId: string }
  /** Flush with retries, close the pool, answer `closed`. */
  | { type: 'close'; id: number };

export type FromLogWorker =
  /** Rows settled since the last report: written (or already there), or given up on. */
  | { type: 'settled'; written: number; failed: number }
  | { type: 'flushed'; id: number }
  | { type: 'closed'; id: number }
  | { type: 'has'; id: number; found: boolean }
  | { type: 'log'; level: 'warn' | 'error'; message: string };
