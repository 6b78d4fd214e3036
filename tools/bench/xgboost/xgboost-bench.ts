// Binding vs Debian `xgboost` CLI on the same synthetic data and parameters, plus predict latency.
//
//   node tools/node/run-ts.cjs tools/bench/xgboost/xgboost-bench.ts [--rows 200000] [--cols 130]
//     [--rounds 100] [--depth 6] [--nthread <cores>] [--repeat 2] [--keep] [--strict]
//
// Compared: boosting rounds 2..R, data loading excluded on both sides. The CLI cannot report
// timings, so it runs twice on the same CSV, with num_round=R and num_round=1 (the minimum), and
// the difference is its time for rounds 2..R: process start, CSV parsing, the one-off histogram
// setup in round 1 and model saving cancel out. The binding trains from an already built DMatrix
// and is timed from the end of round 1 to the end of round R. Round 1 and the in-memory DMatrix
// build are reported separately. Each side keeps its best of --repeat runs.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Booster, BoosterParams, DMatrix, train, xgboostVersion } from '@predictiondex/xgboost';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    cols: { type: 'string', default: '130' },
    rounds: { type: 'string', default: '100' },
    depth: { type: 'string', default: '6' },
    nthread: { type: 'string', default: String(availableParallelism()) },
    repeat: { type: 'string', default: '2' },
    'predict-calls': { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});
const ROWS = Number(args.rows);
const COLS = Number(args.cols);
const ROUNDS = Number(args.rounds);
const DEPTH = Number(args.depth);
const NTHREAD = Number(args.nthread);
const REPEAT = Number(args.repeat);
const PREDICT_CALLS = Number(args['predict-calls']);
const TARGET_RATIO = 1.15;

const params: BoosterParams = {
  objective: 'binary:logistic',
  tree_method: 'hist',
  max_depth: DEPTH,
  eta: 0.3,
  nthread: NTHREAD,
  seed: 0,
};

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Values on a 1/1000 grid so the CSV text and the Float32Array hold the same numbers. Labels
 * follow a noisy logistic model of 10 features plus one interaction, so trees grow to full depth.
 */
function syntheticDataset(rows: number, cols: number): { data: Float32Array; labels: Float32Array } {
  const random = seededRandom(2024);
  const data = new Float32Array(rows * cols);
  const labels = new Float32Array(rows);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) data[base + j] = Math.round(random() * 1000) / 1000;
    let logit = 0;
    for (let k = 0; k < Math.min(10, cols); k++) logit += (k % 2 ? -1 : 1) * (k + 1) * 0.4 * (data[base + k] - 0.5);
    if (cols > 11) logit += data[base + 10] > 0.5 && data[base + 11] > 0.5 ? 1.5 : -0.5;
    labels[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { data, labels };
}

async function writeCsv(path: string, data: Float32Array, labels: Float32Array, cols: number): Promise<void> {
  const out = createWriteStream(path);
  const rowsPerChunk = 2000;
  for (let start = 0; start < labels.length; start += rowsPerChunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(start + rowsPerChunk, labels.length); i++) {
      const fields = [String(labels[i])];
      for (let j = 0; j < cols; j++) fields.push(data[i * cols + j].toFixed(3));
      lines.push(fields.join(','));
    }
    if (!out.write(lines.join('\n') + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function runCli(dir: string, csv: string, rounds: number): number {
  const config = join(dir, `train-${rounds}.conf`);
  const lines = [
    'task = train',
    `data = "${csv}?format=csv&label_column=0"`,
    `num_round = ${rounds}`,
    ...Object.entries(params).map(([k, v]) => `${k} = ${v}`),
    `model_out = ${join(dir, `cli-model-${rounds}.json`)}`,
  ];
  writeFileSync(config, lines.join('\n') + '\n');
  const started = performance.now();
  const result = spawnSync('xgboost', [config], { encoding: 'utf8', cwd: dir });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`xgboost CLI failed (${result.status}): ${result.stderr || result.stdout}`);
  return elapsed;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function latency(label: string, calls: number, fn: (i: number) => void): string {
  for (let i = 0; i < Math.min(1000, calls); i++) fn(i);
  const times = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  times.sort();
  const mean = times.reduce((a, b) => a + b, 0) / calls;
  return `${label}: p50 ${percentile(times, 50).toFixed(1)} µs, p99 ${percentile(times, 99).toFixed(1)} µs, mean ${mean.toFixed(1)} µs (${calls} calls)`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  console.log(`libxgboost ${xgboostVersion()} via koffi; xgboost CLI: ${spawnSync('xgboost', ['-V'], { encoding: 'utf8' }).stdout.trim()}`);
  console.log(`data ${ROWS} x ${COLS}, ${ROUNDS} rounds, ${JSON.stringify(params)}, repeat ${REPEAT}`);
  const dir = mkdtempSync(join(tmpdir(), 'xgboost-bench-'));
  try {
    let t0 = performance.now();
    const { data, labels } = syntheticDataset(ROWS, COLS);
    const csv = join(dir, 'train.csv');
    await writeCsv(csv, data, labels, COLS);
    console.log(`generated + wrote CSV (${(statSync(csv).size / 2 ** 20).toFixed(0)} MB) in ${seconds(performance.now() - t0)}`);

    const binding: number[] = [];
    const bindingFirst: number[] = [];
    const cliFull: number[] = [];
    const cliOne: number[] = [];
    let dmatrixMs = Number.POSITIVE_INFINITY;
    let model: Uint8Array | undefined;
    for (let r = 0; r < REPEAT; r++) {
      // Alternate the contenders so background load hits both alike.
      t0 = performance.now();
      const dtrain = DMatrix.fromDense({ data, nrow: ROWS, ncol: COLS, labels, nthread: NTHREAD });
      dmatrixMs = Math.min(dmatrixMs, performance.now() - t0);
      try {
        t0 = performance.now();
        let firstRoundDone = t0;
        const { booster } = train({
          params,
          rounds: ROUNDS,
          dtrain,
          onIteration: ({ iteration }) => {
            if (iteration === 0) firstRoundDone = performance.now();
          },
        });
        binding.push(performance.now() - firstRoundDone);
        bindingFirst.push(firstRoundDone - t0);
        model ??= booster.saveModelToBuffer('ubj');
        booster.free();
      } finally {
        dtrain.free();
      }
      cliFull.push(runCli(dir, csv, ROUNDS));
      cliOne.push(runCli(dir, csv, 1));
      console.log(
        `  run ${r + 1}: binding round 1 ${seconds(bindingFirst[r])}, rounds 2..${ROUNDS} ${seconds(binding[r])} | ` +
          `CLI ${ROUNDS} rounds ${seconds(cliFull[r])}, 1 round ${seconds(cliOne[r])}`,
      );
    }
    const bindingTrain = Math.min(...binding);
    const cliTrain = Math.min(...cliFull) - Math.min(...cliOne);
    const ratio = bindingTrain / cliTrain;

    const booster = Booster.fromModelBuffer(model as Uint8Array);
    booster.setParam('nthread', NTHREAD);
    const rows = Array.from({ length: Math.min(ROWS, 10_000) }, (_, i) => data.subarray(i * COLS, (i + 1) * COLS));
    const dense = latency('single-row predictDense', PREDICT_CALLS, (i) => booster.predictDense(rows[i % rows.length]));
    booster.setParam('nthread', 1);
    const denseOneThread = latency('single-row predictDense, nthread=1', PREDICT_CALLS, (i) =>
      booster.predictDense(rows[i % rows.length]),
    );
    const viaDMatrix = latency('single-row DMatrix build+predict+free', Math.min(PREDICT_CALLS, 5000), (i) => {
      const d = DMatrix.fromDense({ data: rows[i % rows.length], nrow: 1, ncol: COLS, nthread: 1 });
      booster.predict(d);
      d.free();
    });
    booster.setParam('nthread', NTHREAD);

    const batch = 10_000;
    t0 = performance.now();
    for (let start = 0; start < ROWS; start += batch) {
      const n = Math.min(batch, ROWS - start);
      booster.predictDense({ data: data.subarray(start * COLS, (start + n) * COLS), nrow: n, ncol: COLS });
    }
    const denseBatchMs = performance.now() - t0;
    const dall = DMatrix.fromDense({ data, nrow: ROWS, ncol: COLS, nthread: NTHREAD });
    t0 = performance.now();
    booster.predict(dall);
    const dmatrixBatchMs = performance.now() - t0;
    dall.free();
    booster.free();

    console.log(`\n== training rounds 2..${ROUNDS} (data loading excluded) ==`);
    console.log(
      `binding: ${seconds(bindingTrain)}  (round 1 incl. histogram setup ${seconds(Math.min(...bindingFirst))}; ` +
        `DMatrix from Float32Array ${seconds(dmatrixMs)})`,
    );
    console.log(
      `CLI:     ${seconds(cliTrain)}  (= ${ROUNDS} rounds ${seconds(Math.min(...cliFull))} - 1 round ${seconds(Math.min(...cliOne))})`,
    );
    console.log(`ratio binding/CLI: ${ratio.toFixed(3)}  (target <= ${TARGET_RATIO}) ${ratio <= TARGET_RATIO ? 'OK' : 'ABOVE TARGET'}`);
    console.log(
      `end to end: binding ${seconds(dmatrixMs + Math.min(...bindingFirst) + bindingTrain)} (from memory) vs ` +
        `CLI ${seconds(Math.min(...cliFull))} (process + CSV parse + model save)`,
    );
    console.log('\n== prediction ==');
    console.log(dense);
    console.log(denseOneThread);
    console.log(viaDMatrix);
    console.log(
      `batch predictDense (${batch}-row batches): ${((ROWS / denseBatchMs) * 1000).toFixed(0)} rows/s; ` +
        `predict(DMatrix of ${ROWS}): ${((ROWS / dmatrixBatchMs) * 1000).toFixed(0)} rows/s`,
    );
    if (args.strict && ratio > TARGET_RATIO) process.exitCode = 1;
  } finally {
    if (args.keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
