/**
 * The prediction log's writer thread: formats rows into multi-row INSERTs and sends them to
 * PostgreSQL on its own pool, so neither the SQL text of 137-float arrays nor the protocol work nor
 * the garbage they make ever touches the api's event loop. Started by PredictionLogWriter.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'pg';
import type { FromLogWorker, PredictionLogWorkerConfig, ToLogWorker } from './prediction-log.protocol';
import { insertStatement, PreparedRow, prepareRow } from './prediction-log.sql';

const config = workerData as PredictionLogWorkerConfig;
const port = parentPort;
if (!port) throw new Error('prediction-log.worker.ts runs as a worker thread');

const send = (message: FromLogWorker) => port.postMessage(message);
const pool = new Pool({
  connectionString: config.databaseUrl,
  max: 2,
  application_name: 'predictiondex-api-log',
  idleTimeoutMillis: 30_000,
});
pool.on('error', (e) =>
  send({
    type: 'log',
    level: 'warn',
    message: `prediction log connection error: ${e.message}`,
  }),
);

let buffer: PreparedRow[] = [];
let attempts = 0;
let writing: Promise<void> | null = null;

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
      const { sql, params } = insertStatement(batch);
      await pool.query(sql, params);
      buffer.splice(0, batch.length);
      attempts = 0;
      send({ type: 'settled', written: batch.length, failed: 0 });
    } catch (e) {
      attempts++;
      if (attempts >= config.maxAttempts) {
        buffer.splice(0, batch.length);
        attempts = 0;
        send({ type: 'settled', written: 0, failed: batch.length });
        send({
          type: 'log',
          level: 'error',
          message: `prediction log: dropped ${batch.length} rows after ${config.maxAttempts} failed writes: ${(e as Error).message}`,
        });
      } else {
        send({
          type: 'log',
          level: 'warn',
          message: `prediction log write failed (${(e as Error).message}); ${buffer.length} rows kept for the next flush`,
        });
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
        const features = message.features.subarray(row.featureOffset, row.featureOffset + row.featureLength);
        buffer.push(prepareRow({ ...row, createdAt: new Date(row.createdAt), features }));
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
      send({ type: 'has', id: message.id, found: buffer.some((row) => row[0] === message.rowId) });
      return;
    case 'close':
      void (async () => {
        clearInterval(timer);
        await writing;
        for (let i = 0; i < config.maxAttempts && buffer.length; i++) await write();
        if (buffer.length) {
          send({ type: 'settled', written: 0, failed: buffer.length });
          send({
            type: 'log',
            level: 'error',
            message: `prediction log: ${buffer.length} rows could not be written before shutdown`,
          });
          buffer = [];
        }
        await pool.end();
        send({ type: 'closed', id: message.id });
      })();
      return;
  }
});
