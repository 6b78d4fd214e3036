import { createHash } from 'node:crypto';
import type { PokedexDraft } from './pokedex-draft';

/**
 * A hash of everything the Pokédex tables will hold. Datasets and models record it, so a model can
 * say which Pokédex it was trained on and a rebuild can be skipped when nothing changed.
 */
export function dexFingerprint(draft: PokedexDraft): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ types: draft.types, chart: draft.typeChart, pokemon: draft.pokemon, moves: draft.moves, learnsets: draft.learnsets }));
  return `dex-${hash.digest('hex').slice(0, 24)}`;
}
