import type { PokedexDraft } from '../pokedex-draft';

/**
 * A source refines the draft in place: `showdown` builds it, the others enrich or override it.
 * A source records rows it refuses in `draft.rejects` and problems it worked around in
 * `draft.warnings`; it throws only when the run cannot produce a correct Pokédex.
 */
export interface PokedexSource {
  readonly name: string;
  apply(draft: PokedexDraft): Promise<void>;
}
