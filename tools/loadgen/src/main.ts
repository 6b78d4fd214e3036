#!/usr/bin/env node
// Load generator for the api: node tools/node/run-ts.cjs tools/loadgen/src/main.ts --mode burst --duration 30
// (README.md). Live lines on stdout every second; the last stdout line is the JSON summary.
// Exit 0: the run's error rate stayed under --max-error-rate; 1: it did not; 2: usage, or the api
// was not ready to be loaded (not up, no Pokédex, no model).
import { parseOptions, UsageError } from './options';
import { Random } from './random';
import { runLoad } from './runner';
import { checkTarget } from './target';
import { ApiHttp, loadCatalog } from './traffic';

const log = (line: string) => process.stdout.write(`[loadgen] ${line}\n`);
const fail = (message: string, code: number): never => {
  process.stderr.write(`loadgen: ${message}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  const options = (() => {
    try {
      return parseOptions(process.argv.slice(2), process.env);
    } catch (e) {
      if (e instanceof UsageError) return fail(e.message, e.message.startsWith('usage:') ? 0 : 2);
      throw e;
    }
  })();
  await checkTarget(options.url, options.allowRemote).catch((e: Error) => fail(e.message, 2));
  const http = new ApiHttp(options.url, options.apiKey, options.timeoutMs);

  const ready = await http.send('GET', '/health/ready');
  if (ready.status !== 200) fail(`${options.url}/health/ready answered ${ready.status}: start the stack first (npm start)`, 2);
  const model = await http.send('GET', '/predict/model-info', undefined, true);
  if (model.status === 401 || model.status === 403) fail(`the api refused API_KEY (${model.status}): export API_KEY with a key of the api's API_KEYS`, 2);
  if (model.status !== 200 && !options.allowNoModel) {
    fail(`no model is served yet (GET /predict/model-info: ${model.status}); wait for ml-builder's first champion, or pass --allow-no-model to count the 503s`, 2);
  }
  const served = model.status === 200 ? (model.body as { name: string; version: string }) : undefined;
  const catalog = await loadCatalog(http, new Random(options.seed ^ 0x9e3779b9)).catch((e: Error) => fail(e.message, 2));
  log(
    `${options.mode} load on ${options.url} for ${options.durationS}s or ${options.requests} requests (seed ${options.seed}); model ${served ? `${served.name} v${served.version}` : 'none'}; ${catalog.pokemon.length} Pokémon, ${catalog.learnable.size} sampled learnsets`,
  );

  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort.abort());
  const summary = await runLoad(options, { http, catalog, print: log, signal: abort.signal });
  const l = summary.latencyMs;
  log(
    `done (${summary.stoppedBy}): ${summary.requests} requests in ${summary.durationS}s (${summary.throughputRps}/s), p50 ${l.p50}ms p95 ${l.p95}ms p99 ${l.p99}ms, errors ${(summary.errorRate * 100).toFixed(2)}% (${summary.errors}), provoked 4xx ${summary.expectedErrors}, rate-limited ${summary.rateLimited}`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = summary.errorRate > options.maxErrorRate || summary.requests === 0 ? 1 : 0;
}

main().catch((e: unknown) => fail((e as Error).stack ?? String(e), 1));
