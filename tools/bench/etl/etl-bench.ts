// ETL benchmark: a full load into an empty database and a no-op re-run, each against a baseline
// measured in the same run on the same server: a plain bulk INSERT of the same rows into empty
// copies of the tables (the floor for writing this data, with no diffing, no idempotency, no
// bookkeeping). Also times `npm run etl -- --once` as a user runs it (process start included).
// Usage: node tools/node/run-ts.cjs tools/bench/etl/etl-bench.ts [--repeat 3]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createDataSource, dropDatabase, runMigrations } from '@predictiondex/db';
import { EtlRunner, POKEDEX_TABLES, ShowdownSource } from '@predictiondex/pokedex';

const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 3;
const server = process.env['BENCH_DATABASE_SERVER_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = path.resolve(__dirname, '../../..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

async function withDatabase<T>(label: string, work: (url: string) => Promise<T>): Promise<T> {
  const url = new URL(server);
  url.pathname = `/pdx_bench_${label}_${process.pid}`;
  await dropDatabase(url.toString());
  await runMigrations(url.toString());
  try {
    return await work(url.toString());
  } finally {
    await dropDatabase(url.toString());
  }
}

async function main() {
  const full: number[] = [];
  const rerun: number[] = [];
  const baseline: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < repeat; i++) {
    await withDatabase('etl', async (url) => {
      const ds = createDataSource({ url, poolSize: 4 });
      await ds.initialize();
      try {
        let t = process.hrtime.bigint();
        await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
        full.push(ms(t));
        t = process.hrtime.bigint();
        const again = await new EtlRunner(ds, [new ShowdownSource()]).run({ force: false });
        rerun.push(ms(t));
        if (again.changes.total !== 0) throw new Error(`re-run changed ${again.changes.total} rows`);

        // Baseline: the same rows, copied with one INSERT ... SELECT per table into empty clones.
        await ds.query(POKEDEX_TABLES.map((tb) => `CREATE TABLE bench_${tb} (LIKE ${tb} INCLUDING DEFAULTS)`).join(';'));
        t = process.hrtime.bigint();
        await ds.transaction(async (em) => {
          for (const tb of POKEDEX_TABLES) await em.query(`INSERT INTO bench_${tb} SELECT * FROM ${tb}`);
        });
        baseline.push(ms(t));
      } finally {
        await ds.destroy();
      }
      const t = process.hrtime.bigint();
      const res = spawnSync(process.execPath, ['tools/node/run-ts.cjs', 'apps/etl/src/main.ts', '--once'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', QUEUE_PREFIX: `pdxbench:${process.pid}` },
        encoding: 'utf8',
      });
      if (res.status !== 0) throw new Error(`etl --once failed: ${res.stderr}`);
      cli.push(ms(t));
    });
  }
  const f = median(full);
  const r = median(rerun);
  const b = median(baseline);
  const c = median(cli);
  const rows = `(${repeat} repeats, medians)`;
  console.log(`etl bench ${rows}`);
  console.log(`  baseline bulk insert of the same rows: ${b.toFixed(1)} ms`);
  console.log(`  full load (in process):  ${f.toFixed(1)} ms  = ${(f / b).toFixed(1)}x baseline  target < 10000 ms: ${f < 10_000 ? 'met' : 'MISSED'}`);
  console.log(`  no-op re-run:            ${r.toFixed(1)} ms  = ${(r / b).toFixed(1)}x baseline  target < 3000 ms: ${r < 3_000 ? 'met' : 'MISSED'}`);
  console.log(`  npm run etl -- --once on a loaded db (process start included): ${c.toFixed(0)} ms`);
  console.log(JSON.stringify({ bench: 'etl', fullMs: f, rerunMs: r, baselineMs: b, cliRerunMs: c, fullRatio: f / b, rerunRatio: r / b }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
