import { parentPort } from 'node:worker_threads';
import { runChunk } from './battle-chunk';
import type { ChunkRequest, ChunkResponse } from './battle-chunk';

// Entry point of a ParallelBattleRunner worker thread (built as battle-worker.js next to main.js).
const port = parentPort;
if (!port) throw new Error('battle-worker must run in a worker thread');

port.on('message', (request: ChunkRequest) => {
  let response: ChunkResponse;
  try {
    response = { chunkId: request.chunkId, ok: true, results: runChunk(request) };
  } catch (err) {
    response = { chunkId: request.chunkId, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(response, response.ok ? [response.results.buffer as ArrayBuffer] : []);
});
