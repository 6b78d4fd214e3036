import { createHash } from 'node:crypto';

/** A uniform number in [0, 1) from a seed and a key: stable across runs, machines and worker counts. */
export function hashUnit(seed: number, key: string): number {
  return createHash('sha1').update(`${seed}:${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

/** A 31-bit integer seed from a seed and a key. */
export function hashSeed(seed: number, key: string): number {
  return createHash('sha1').update(`${seed}:${key}`).digest().readUInt32BE(4) >>> 1;
}
