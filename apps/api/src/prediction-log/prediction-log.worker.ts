/**
 * The prediction log's writer thread: batches rows and streams each batch into PostgreSQL as one
 * binary COPY on its own connection, so neither the encoding, nor the protocol work, nor the garbage
 * they make ever touches the api's event loop. Started by PredictionLogWriter.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_STATEMENT, copyBinary } from './prediction-log.copy';
import type { FromLogWorker, PredictionLogWorkerConfig, ToLogWorker } from './prediction-log.protocol';
import { insertStatement, PredictionLogRow, prepareRow } from './prediction-log.sql';

const config = workerData as PredictionLogWorkerConfig;
const port = parentPort;
if (!port) throw new Error('prediction-log.worker.ts runs as a worker thread');

const send = (message: FromLogWorker) => port.postMessage(message);
const log = (level: 'warn' | 'error', message: string) => send({ type: 'log', level, message });
// One write at a time: one connection is all it needs.
const pool = new Pool({ connectionString: config.databaseUrl, max: 1, application_name: 'predictiondex-api-log', idleTimeoutMillis: 30_000 });
pool.on('error', (e) => log('warn', `prediction log connection error: ${e.message}`));

let buffer: PredictionLogRow[] = [];
let attempts = 0;
let writing: Promise<void> | null = null;

const UNIQUE_VIOLATION = '23505';

function copy(client: PoolClient, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_STATEMENT));
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(bytes);
  });
}

/**
 * One batch. COPY is all or nothing; it only meets a row it wrote before when an earlier attempt
 * committed but its answer was lost, and then the batch goes again as an INSERT that skips the ids
 * already there — a retry never duplicates or loses a row.
 */
async function writeBatch(batch: readonly PredictionLogRow[]): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await copy(client, copyBinary(batch));
  } catch (e) {
    if ((e as { code?: string }).code !== UNIQUE_VIOLATION) {
      broken = e as Error;
      throw e;
    }
    const { sql, params } = insertStatement(batch.map(prepareRow));
    await client.query(sql, params);
  } finally {
    // A connection whose COPY failed midway is not reused.
    client.release(broken);
  }
}

/** Writes what is buffered, batch by batch; concurrent calls share the write in progress. */
function write(): Promise<void> {
  // Cleared in a later microtask, never before the assignment (an empty buffer finishes at once).
  writing ??= writeAll().finally(() => {
    writing = null;
  });
  return writing;
}

/** A failed batch stays for the next attempt (up to maxAttempts), and ends this write. */
async function writeAll(): Promise<void> {
  while (buffer.length) {
    const batch = buffer.slice(0, config.batchSize);
    try {
      await writeBatch(batch);
      buffer.splice(0, batch.length);
      attempts = 0;
      send({ type: 'settled', written: batch.length, failed: 0 });
    } catch (e) {
      attempts++;
      if (attempts >= config.maxAttempts) {
        buffer.splice(0, batch.length);
        attempts = 0;
        send({ type: 'settled', written: 0, failed: batch.length });
        log('error', `prediction log: dropped ${batch.length} rows after ${config.maxAttempts} failed writes: ${(e as Error).message}`);
      } else {
        log('warn', `prediction log write failed (${(e as Error).message}); ${buffer.length} rows kept for the next flush`);
      }
      return;
    }
  }
}

const timer = setInterval(() => void write(), config.flushMs);

port.on('message', (message: ToLogWorker) => {
  switch (message.type) {
    case 'rows':
      for (const row of message.rows) {
        const { featureOffset, featureLength, ...rest } = row;
        buffer.push({ ...rest, createdAt: new Date(row.createdAt), features: message.features.subarray(featureOffset, featureOffset + featureLength) });
      }
      if (buffer.length >= config.batchSize && !writing) void write();
      return;
    case 'flush':
      void (async () => {
        // A write already running may hold a batch that failed: it is retried by the next write.
        await writing;
        for (let i = 0; i < (message.final ? config.maxAttempts : 1) && buffer.length; i++) await write();
        send({ type: 'flushed', id: message.id });
      })();
      return;
    case 'has':
      send({ type: 'has', id: message.id, found: buffer.some((row) => row.id === message.rowId) });
      return;
    case 'close':
      void (async () => {
        clearInterval(timer);
        await writing;
        for (let i = 0; i < config.maxAttempts && buffer.length; i++) await write();
        if (buffer.length) {
          send({ type: 'settled', written: 0, failed: buffer.length });
          log('error', `prediction log: ${buffer.length} rows could not be written before shutdown`);
          buffer = [];
        }
        await pool.end();
        send({ type: 'closed', id: message.id });
      })();
      return;
  }
});
