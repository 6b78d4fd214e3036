import { hashUnit } from './seeded-hash';

export type Split = 'train' | 'test';

/** One key for a pair and its mirror: (A, B) and (B, A) always land on the same side of the split. */
export function unorderedPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Grouped split: the side depends only on the unordered pair and the seed, never on row order. */
export function splitOf(pairKey: string, seed: number, testFraction: number): Split {
  return hashUnit(seed, `split:${pairKey}`) < testFraction ? 'test' : 'train';
}
