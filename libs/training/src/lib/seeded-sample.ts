import { createHash } from 'node:crypto';

/** Uniform in [0, 1) from a seed and a key (stable: the same group is always kept or always dropped). */
export function hashUnitSeeded(seed: number, key: string): number {
  return createHash('sha1').update(`${seed}:sample:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}
