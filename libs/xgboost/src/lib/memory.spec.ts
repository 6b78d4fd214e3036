import koffi from 'koffi';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { binaryDataset } from '../../test/synthetic-data';
import { Booster, DMatrix, xgboostHandleStats } from '../index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// glibc keeps freed chunks in per-thread arenas (OpenMP threads, worker threads of other specs in
// this Jest process); trimming first means RSS shows memory that is really still held.
const mallocTrim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;

const tiny = binaryDataset(32, 4, { seed: 8 });
const row = tiny.data.slice(0, 4);

/** One full lifecycle: matrix, booster, a boosting round, both predict paths, a model save, free. */
function cycle(): void {
  const dmatrix = DMatrix.fromDense(tiny);
  const booster = Booster.create({ cache: [dmatrix], params: { objective: 'binary:logistic', max_depth: 2, nthread: 1 } });
  booster.updateOneIter(0, dmatrix);
  booster.predict(dmatrix);
  booster.predictDense(row);
  booster.saveModelToBuffer('ubj');
  booster.free();
  dmatrix.free();
}

function settledMemoryMb(): { rss: number; heapTotal: number } {
  for (let i = 0; i < 3; i++) gc();
  mallocTrim(0);
  const { rss, heapTotal } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heapTotal: heapTotal / 2 ** 20 };
}

const signed = (mb: number) => `${mb >= 0 ? '+' : ''}${mb.toFixed(1)}`;

describe('native memory', () => {
  it('stays flat over 10,000 DMatrix + Booster create/free cycles', () => {
    for (let i = 0; i < 2_000; i++) cycle(); // warm-up: allocator arenas, OpenMP pool, JIT
    const before = settledMemoryMb();
    const live = xgboostHandleStats().live;
    for (let i = 0; i < 10_000; i++) cycle();
    const after = settledMemoryMb();
    // Printed so CI logs keep the figures next to the verdict; V8 growing its heap reservation
    // accounts for most of the (bounded) RSS change.
    console.info(
      `RSS ${before.rss.toFixed(1)} -> ${after.rss.toFixed(1)} MB (${signed(after.rss - before.rss)}), ` +
        `V8 heapTotal ${before.heapTotal.toFixed(1)} -> ${after.heapTotal.toFixed(1)} MB`,
    );
    expect(xgboostHandleStats().live).toBe(live);
    expect(after.rss - before.rss).toBeLessThan(20);
  }, 120_000);
});
