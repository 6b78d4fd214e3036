// Throughput, latency and memory of apps/api against a bare Fastify server, all on 127.0.0.1:
// GET /pokemon/{id} and POST /predict/best-move (4 moves each side) vs the same-shaped GET and POST
// on a Fastify hello-world.
//
//   node tools/node/run-ts.cjs tools/bench/api/api-bench.ts [--duration 10] [--warmup 3] [--connections 50]
//     [--log-level warn] [--battles 3000] [--rounds 200] [--depth 10] [--from-source]
//     [--fixed-rate 1000] [--node-options '--max-old-space-size=192' (default; '' for none)]
//     [--skip-metrics-comparison] [--exec-argv='--cpu-prof --cpu-prof-dir=tmp/prof'] [--only best-move] [--db-server postgres://postgres@127.0.0.1:5432/postgres] [--redis redis://127.0.0.1:6379]
//
// Set-up: a throwaway database loaded by the real ETL; a real XGBoost model trained on real engine
// battles (default 3000 battles, 200 trees of depth <= 10: the size of the reference model) placed
// in the api's model cache, the registry URL pointing at a closed port (the api's "registry down,
// serve the cached model" path). The api runs as its container does: the webpack build
// (`nx build api`, run first; cached by Nx) started with plain node, NODE_ENV=production,
// a random API key, every feature on (auth, Redis rate limit with a limit high enough not to
// refuse, helmet, HTTP metrics, JSON logs at --log-level to /dev/null, prediction log written to
// PostgreSQL). Targets: GET /pokemon/{id} >= 40 % of the bare GET; best-move p99 < 15 ms at 50
// connections; api RSS < 300 MB. Autocannon, both servers, PostgreSQL and Redis share the machine.
// --from-source runs apps/api/src/main.ts through run-ts instead (as `npm run start:api`), which adds
// the TypeScript compiler to the process (~100 MB RSS, slower start).
import autocannon from 'autocannon';
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { battleMovesFor } from '@predictiondex/battle';
import { createDataSource, dropDatabase, runMigrations } from '@predictiondex/db';
import { writeModelPackage } from '@predictiondex/model';
import { EtlRunner, ShowdownSource } from '@predictiondex/pokedex';
import { ModelPackageCache, trainSmallBattleModel } from '@predictiondex/prediction';
import Redis from 'ioredis';
import { BENCH_ROOT, freePort, HELLO_FASTIFY, startBenchProcess, stopBenchProcess, waitForOk } from '../common/bench-process';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'log-level': { type: 'string', default: 'warn' },
    battles: { type: 'string', default: '3000' },
    rounds: { type: 'string', default: '200' },
    depth: { type: 'string', default: '10' },
    'db-server': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    'from-source': { type: 'boolean', default: false },
    'fixed-rate': { type: 'string', default: '1000' },
    /** Node flags for the api process itself, e.g. `--exec-argv='--cpu-prof --cpu-prof-dir=tmp/prof'` (NODE_OPTIONS refuses --cpu-prof). */
    'exec-argv': { type: 'string' },
    /** Skip measuring GET and best-move again on the api with its HTTP metrics hooks off (HTTP_METRICS_ENABLED=false). */
    'skip-metrics-comparison': { type: 'boolean', default: false },
    /** Run only the api scenarios whose name contains this (the bare baselines always run): e.g. best-move. */
    only: { type: 'string' },
    // The api's recommended runtime setting (README): the live heap is ~80 MB, but without a cap
    // V8 lets garbage pile up to ~450 MB of RSS under sustained load before collecting it.
    'node-options': { type: 'string', default: '--max-old-space-size=192' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const TARGETS = { pokemonRatio: 0.4, bestMoveP99Ms: 15, rssMb: 300 };
/** Latency below saturation: the same best-move load offered at a fixed rate over the same connections. */
const FIXED_RATE = Number(args['fixed-rate']);

const root = BENCH_ROOT;
const start = startBenchProcess;
const stop = stopBenchProcess;





function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time (user + system) a process has used, in ms: /proc/<pid>/stat fields 14 and 15, in clock ticks. */
function cpuMs(pid: number, thread?: number): number {
  const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface Measure {
  name: string;
  /** The server's CPU time per answered request, in µs: what a request costs, whatever else runs on the machine. */
  cpuUs: number;
  /** The same for the server's main thread alone (its event loop: what queues requests). */
  mainCpuUs: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

interface Scenario {
  name: string;
  /** The server process measured (for its CPU time). */
  pid: () => number;
  /** Offered load in requests/s over all connections (autocannon overallRate); unset: as fast as possible. */
  rate?: number;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  next: () => { path: string; body?: string };
}

async function load(s: Scenario, seconds: number): Promise<Measure> {
  const base = new URL(s.url);
  const pid = s.pid();
  const cpuBefore = cpuMs(pid);
  const mainBefore = cpuMs(pid, pid);
  const result = await autocannon({
    url: base.origin,
    connections: CONNECTIONS,
    duration: seconds,
    ...(s.rate ? { overallRate: s.rate } : {}),
    requests: [
      {
        method: s.method,
        headers: { ...(s.method === 'POST' ? { 'content-type': 'application/json' } : {}), ...s.headers },
        setupRequest: (req) => {
          const { path, body } = s.next();
          return { ...req, path, ...(body !== undefined ? { body } : {}) };
        },
      },
    ],
  });
  const answered = result['2xx'] + result.non2xx;
  return {
    name: s.name,
    cpuUs: answered ? ((cpuMs(pid) - cpuBefore) * 1000) / answered : Number.NaN,
    mainCpuUs: answered ? ((cpuMs(pid, pid) - mainBefore) * 1000) / answered : Number.NaN,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const server = new URL(args['db-server']);
  server.pathname = `/pdx_bench_api_${randomBytes(4).toString('hex')}`;
  const dbUrl = server.toString();
  const sandbox = mkdtempSync(join(tmpdir(), 'api-bench-'));
  const key = randomBytes(24).toString('hex');
  const prefix = `pdxbench:api:${randomBytes(4).toString('hex')}`;
  const [apiPort, basePort, deadPort] = [await freePort(), await freePort(), await freePort()];
  const children: ChildProcess[] = [];

  try {
    process.stdout.write('set-up: database + ETL, ');
    await runMigrations(dbUrl);
    const ds = createDataSource({ url: dbUrl, applicationName: 'api-bench' });
    await ds.initialize();
    await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
    const pokemon = (await ds.query('SELECT id, showdown_id FROM pokemon ORDER BY id')) as { id: number; showdown_id: string }[];
    const moveIds = new Map(((await ds.query('SELECT id, showdown_id FROM move')) as { id: number; showdown_id: string }[]).map((m) => [m.showdown_id, m.id]));
    await ds.destroy();

    const battles = Number(args.battles);
    process.stdout.write(`model (${battles} engine battles, ${args.rounds} rounds, depth ${args.depth}), `);
    const trainStart = Date.now();
    const files = trainSmallBattleModel({ battles, rounds: Number(args.rounds), maxDepth: Number(args.depth), seed: 7 });
    const cache = new ModelPackageCache(join(sandbox, 'model-cache'));
    writeModelPackage(cache.versionDir('battle-winner', '1'), files);
    cache.writeCurrent({ name: 'battle-winner', version: '1', alias: 'champion', runId: null, source: 'api-bench', downloadedAt: new Date().toISOString() });
    process.stdout.write(`${((Date.now() - trainStart) / 1000).toFixed(1)} s; starting servers\n`);

    let entry = 'apps/api/src/main.ts';
    if (!args['from-source']) {
      process.stdout.write('building the api (npx nx build api)\n');
      try {
        execFileSync('npx', ['nx', 'build', 'api', '--output-style=static'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
        entry = 'dist/apps/api/main.js';
      } catch (e) {
        const why = String((e as { stderr?: Buffer }).stderr ?? e).trim().split('\n').slice(-3).join(' ');
        process.stdout.write(`build failed (${why}); benchmarking from source instead\n`);
      }
    }
    const apiEnv = (extra: Record<string, string> = {}) => ({
      ...(args['node-options'] ? { NODE_OPTIONS: args['node-options'] } : {}),
      NODE_ENV: 'production',
      LOG_LEVEL: args['log-level'],
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      REDIS_URL: args.redis,
      QUEUE_PREFIX: prefix,
      API_KEYS: `bench:${key}:read|predict`,
      RATE_LIMIT_PER_MINUTE: '1000000000',
      MLFLOW_TRACKING_URI: `http://127.0.0.1:${deadPort}`,
      MLFLOW_TRACKING_TOKEN: randomBytes(24).toString('hex'),
      MODEL_CACHE_DIR: join(sandbox, 'model-cache'),
      // The hourly drift check is not the request path: it would only add a random pause here.
      DRIFT_CHECK_INTERVAL_MINUTES: '0',
      ...(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PDX_EXP_'))) as Record<string, string>),
      ...extra,
    });
    const apiBase = `http://127.0.0.1:${apiPort}`;
    const startApi = async (extra: Record<string, string> = {}): Promise<ChildProcess> => {
      const child = start(entry, [], apiEnv(extra), args['exec-argv'] ? { execArgv: args['exec-argv'].split(/\s+/).filter(Boolean) } : {});
      children.push(child);
      await waitForOk(`${apiBase}/health/ready`, 90_000);
      const info = (await (await fetch(`${apiBase}/predict/model-info`, { headers: { 'x-api-key': key } })).json()) as { version?: string };
      if (info.version !== '1') throw new Error(`the api did not load the benchmark model: ${JSON.stringify(info)}`);
      return child;
    };
    let api = await startApi();
    const hello = start(HELLO_FASTIFY, [String(basePort)], {});
    children.push(hello);
    await waitForOk(`http://127.0.0.1:${basePort}/hello/1`, 30_000);

    // 64 matchups, each side with 4 of its damaging moves (as a UI sends them), cycled.
    let seed = 12345;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const pickMoves = (showdownId: string): number[] => {
      const pool = [...battleMovesFor(showdownId)];
      const out: number[] = [];
      while (out.length < 4 && pool.length) out.push(moveIds.get(pool.splice(rand(pool.length), 1)[0]) as number);
      return out;
    };
    const fighters = pokemon.filter((p) => battleMovesFor(p.showdown_id).length >= 4);
    const bodies = Array.from({ length: 64 }, () => {
      const a = fighters[rand(fighters.length)];
      const b = fighters[rand(fighters.length)];
      return JSON.stringify({ pokemon_a_id: a.id, pokemon_b_id: b.id, available_moves: pickMoves(a.showdown_id), available_moves_b: pickMoves(b.showdown_id) });
    });
    const helloBody = bodies[0];
    let i = 0;
    const auth = { 'x-api-key': key };
    const scenarios: Scenario[] = [
      { name: 'bare fastify GET /hello/:id', pid: () => hello.pid as number, method: 'GET', url: `http://127.0.0.1:${basePort}`, headers: {}, next: () => ({ path: `/hello/${1 + (i++ % 188)}` }) },
      { name: 'api GET /pokemon/{id}', pid: () => api.pid as number, method: 'GET', url: apiBase, headers: auth, next: () => ({ path: `/pokemon/${pokemon[i++ % pokemon.length].id}` }) },
      { name: 'bare fastify POST /hello', pid: () => hello.pid as number, method: 'POST', url: `http://127.0.0.1:${basePort}`, headers: {}, next: () => ({ path: '/hello', body: helloBody }) },
      { name: 'api POST /predict/best-move', pid: () => api.pid as number, method: 'POST', url: apiBase, headers: auth, next: () => ({ path: '/predict/best-move', body: bodies[i++ % bodies.length] }) },
      {
        name: `api best-move at ${FIXED_RATE} req/s`,
        pid: () => api.pid as number,
        rate: FIXED_RATE,
        method: 'POST',
        url: apiBase,
        headers: auth,
        next: () => ({ path: '/predict/best-move', body: bodies[i++ % bodies.length] }),
      },
    ];

    const loadBefore = loadavg()[0];
    let bestMoveOk = 0;
    const run = async (list: Scenario[]): Promise<Measure[]> => {
      const out: Measure[] = [];
      for (const s of list) {
        if (args.only && !s.name.startsWith('bare') && !s.name.includes(args.only)) {
          out.push({ name: s.name, cpuUs: Number.NaN, mainCpuUs: Number.NaN, rps: Number.NaN, p50: Number.NaN, p99: Number.NaN, ok: 0, failed: 0 });
          continue;
        }
        const warm = await load(s, WARMUP);
        const measured = await load(s, DURATION);
        if (s.name.includes('best-move')) bestMoveOk += warm.ok + measured.ok;
        out.push(measured);
      }
      return out;
    };
    const results = await run(scenarios);
    const memory = memoryMb(api.pid as number);

    // The same api without its per-request HTTP metrics hooks (issue: metrics must add no
    // measurable cost): GET and best-move again, right after, on a restarted process.
    let withoutMetrics: Measure[] = [];
    if (!args['skip-metrics-comparison']) {
      await stop(api);
      api = await startApi({ HTTP_METRICS_ENABLED: 'false' });
      withoutMetrics = await run(
        scenarios.filter((s) => s.name === 'api GET /pokemon/{id}' || s.name === 'api POST /predict/best-move').map((s) => ({ ...s, name: `${s.name} (no HTTP metrics)` })),
      );
    }

    // Every answered prediction must be in the log (written in batches, off the request path).
    await new Promise((r) => setTimeout(r, 2500));
    const check = createDataSource({ url: dbUrl, applicationName: 'api-bench' });
    await check.initialize();
    const logged = Number((await check.query('SELECT count(*)::int AS n FROM prediction_log'))[0].n);
    await check.destroy();

    const [bareGet, apiGet, barePost, bestMove, bestMoveFixed] = results;
    console.log(
      `\napi bench: ${entry}${args['node-options'] ? ` (NODE_OPTIONS=${args['node-options']})` : ''}, ${CONNECTIONS} connections, ${DURATION} s each (+${WARMUP} s warm-up), NODE_ENV=production, LOG_LEVEL=${args['log-level']}`,
    );
    console.log(`machine: ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} before / ${loadavg()[0].toFixed(2)} after (servers, autocannon, PostgreSQL and Redis share it)\n`);
    console.log('scenario                          req/s    p50 ms   p99 ms   vs bare   failed   CPU µs/req (main thread)');
    const ratio = (r: Measure, base: Measure) => r.rps / base.rps;
    for (const [r, base] of [
      [bareGet, bareGet],
      [apiGet, bareGet],
      [barePost, barePost],
      [bestMove, barePost],
      [bestMoveFixed, barePost],
    ] as const) {
      console.log(`${r.name.padEnd(32)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${ratio(r, base).toFixed(3).padStart(9)} ${String(r.failed).padStart(8)} ${r.cpuUs.toFixed(0).padStart(11)} (${r.mainCpuUs.toFixed(0)})`);
    }
    const [getNoMetrics, bestMoveNoMetrics] = withoutMetrics;
    for (const [r, base] of withoutMetrics.length ? ([[getNoMetrics, bareGet], [bestMoveNoMetrics, barePost]] as const) : []) {
      console.log(`${r.name.padEnd(32)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${ratio(r, base).toFixed(3).padStart(9)} ${String(r.failed).padStart(8)} ${r.cpuUs.toFixed(0).padStart(11)} (${r.mainCpuUs.toFixed(0)})`);
    }
    if (withoutMetrics.length) {
      const cost = (withR: Measure, withoutR: Measure) =>
        `${withR.mainCpuUs - withoutR.mainCpuUs >= 0 ? '+' : ''}${(withR.mainCpuUs - withoutR.mainCpuUs).toFixed(1)} µs main-thread CPU per request (${(((withR.mainCpuUs - withoutR.mainCpuUs) / withoutR.mainCpuUs) * 100).toFixed(1)} %), throughput ratio with/without ${(withR.rps / withoutR.rps).toFixed(3)}`;
      console.log(`\nHTTP metrics hooks: GET /pokemon/{id} ${cost(apiGet, getNoMetrics)}; best-move ${cost(bestMove, bestMoveNoMetrics)}`);
    }
    console.log(`\napi memory after the runs: RSS ${memory.rss.toFixed(0)} MB, peak RSS ${memory.peak.toFixed(0)} MB`);
    // Requests still in flight when autocannon stops counting are answered and logged too: at most
    // one per connection per run (warm-up + measured).
    const bestMoveRuns = [...scenarios, ...(withoutMetrics.length ? [scenarios[3]] : [])].filter((s) => s.name.includes('best-move') && (!args.only || s.name.includes(args.only))).length;
    const inFlight = 2 * bestMoveRuns * CONNECTIONS;
    const allLogged = logged >= bestMoveOk && logged <= bestMoveOk + inFlight;
    console.log(`prediction log: ${logged} rows for ${bestMoveOk} counted best-move answers (+ up to ${inFlight} in flight at the cut-offs)`);

    const checks = [
      [`GET /pokemon/{id} >= ${TARGETS.pokemonRatio * 100} % of bare GET`, ratio(apiGet, bareGet) >= TARGETS.pokemonRatio, `${(ratio(apiGet, bareGet) * 100).toFixed(1)} %`],
      [`best-move p99 < ${TARGETS.bestMoveP99Ms} ms (${CONNECTIONS} connections, as fast as possible)`, bestMove.p99 < TARGETS.bestMoveP99Ms, `${bestMove.p99} ms`],
      [`best-move p99 < ${TARGETS.bestMoveP99Ms} ms (${CONNECTIONS} connections, ${FIXED_RATE} req/s offered)`, bestMoveFixed.p99 < TARGETS.bestMoveP99Ms, `${bestMoveFixed.p99} ms`],
      [`api peak RSS < ${TARGETS.rssMb} MB`, memory.peak < TARGETS.rssMb, `${memory.peak.toFixed(0)} MB`],
      ['no failed requests', [...results, ...withoutMetrics].every((r) => r.failed === 0), `${[...results, ...withoutMetrics].reduce((n, r) => n + r.failed, 0)}`],
      ['every answered prediction logged', allLogged, `${logged} rows / ${bestMoveOk} answers`],
    ] as const;
    console.log('');
    for (const [what, ok, value] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}: ${value}`);
    process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
  } finally {
    await Promise.all(children.map(stop));
    const redis = new Redis(args.redis, { maxRetriesPerRequest: 1 });
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    await dropDatabase(dbUrl);
    rmSync(sandbox, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
