import type { FeatureTable } from '../lib/feature-table';

/** mulberry32: a small seeded generator, so constructed samples are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Eight features shaped like the battle features: stats, ratios, binary flags, a 3-valued multiplier. */
export const CONSTRUCTED_FEATURES = ['a_hp', 'a_spe', 'speed_ratio', 'move_power', 'a_type_fire', 'move_physical', 'move_stab', 'move_effectiveness'] as const;

export interface Shift {
  /** Added to a numeric feature, in units of its standard deviation. */
  sd?: number;
  /** New probability of 1 for a binary feature. */
  p?: number;
}

/**
 * A sample of `rows` constructed feature vectors (Float32 values, as the reference artifact and the
 * prediction log store them); `shifts` moves chosen features away from the training distribution.
 */
export function constructedTable(rows: number, seed: number, shifts: Partial<Record<(typeof CONSTRUCTED_FEATURES)[number], Shift>> = {}): FeatureTable {
  const rand = seededRandom(seed);
  const cols = new Map<string, Float32Array>(CONSTRUCTED_FEATURES.map((f) => [f, new Float32Array(rows)]));
  const set = (f: string, i: number, v: number) => (cols.get(f)![i] = v);
  for (let i = 0; i < rows; i++) {
    set('a_hp', i, 120 + 25 * (normal(rand) + (shifts.a_hp?.sd ?? 0)));
    set('a_spe', i, 90 + 30 * (normal(rand) + (shifts.a_spe?.sd ?? 0)));
    set('speed_ratio', i, Math.exp(0.4 * (normal(rand) + (shifts.speed_ratio?.sd ?? 0))));
    set('move_power', i, Math.max(0, Math.round(75 + 25 * (normal(rand) + (shifts.move_power?.sd ?? 0)))));
    set('a_type_fire', i, rand() < (shifts.a_type_fire?.p ?? 0.12) ? 1 : 0);
    set('move_physical', i, rand() < (shifts.move_physical?.p ?? 0.5) ? 1 : 0);
    set('move_stab', i, rand() < (shifts.move_stab?.p ?? 0.4) ? 1.5 : 1);
    const r = rand();
    set('move_effectiveness', i, r < 0.2 ? 0.5 : r < 0.8 ? 1 : 2);
  }
  return { rows, columns: cols };
}
