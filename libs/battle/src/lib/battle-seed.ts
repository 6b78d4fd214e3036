/**
 * A battle seed: four 16-bit words, the state of the engine's Gen 5 RNG. Chosen over the default
 * sodium RNG because it is several times cheaper per draw and its seed is plain numbers.
 */
export type BattleSeed = readonly [number, number, number, number];

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The seed of battle `index` in a run started from `baseSeed`. A pure hash of the pair, so a battle's
 * outcome depends on its position in the list and never on which worker ran it or in what order.
 */
export function deriveBattleSeed(baseSeed: number, index: number): BattleSeed {
  const hi = fmix32((baseSeed >>> 0) ^ fmix32(Math.imul(index >>> 0, 0x9e3779b9) + 0x7f4a7c15));
  const lo = fmix32(hi ^ (index >>> 0) ^ 0x27d4eb2f);
  return [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];
}

export function isBattleSeed(value: unknown): value is BattleSeed {
  return (
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff)
  );
}

/** The engine's string form of a Gen 5 seed. */
export function battleSeedToString(seed: BattleSeed): string {
  if (!isBattleSeed(seed)) throw new Error(`Invalid battle seed: ${JSON.stringify(seed)}`);
  return seed.join(',');
}
