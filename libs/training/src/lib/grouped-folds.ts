import { createHash } from 'node:crypto';

/**
 * K folds over rows grouped by a key (the unordered Pokémon pair): every row of a group lands in the
 * same fold, so a fold's validation rows never share a pair with its training rows.
 */
export function groupedFolds(groups: readonly string[], k: number, seed: number): number[] {
  const foldOfGroup = new Map<string, number>();
  return groups.map((g) => {
    let fold = foldOfGroup.get(g);
    if (fold === undefined) {
      fold = createHash('sha1').update(`${seed}:fold:${g}`).digest().readUInt32BE(0) % k;
      foldOfGroup.set(g, fold);
    }
    return fold;
  });
}
