import { Link } from 'react-router';
import type { Pokemon } from '@predictiondex/api-client';
import { PokemonSprite } from './pokemon-sprite';
import { StatBars } from './stat-bars';
import { TypeList } from './type-badge';

/** Sprite (or placeholder), name, number, types and base stats. */
export function PokemonCard({ pokemon, heading, side }: { pokemon: Pokemon; heading?: string; side?: 'a' | 'b' }) {
  return (
    <article className={`card pokemon-card${side ? ` side-${side}` : ''}`} aria-label={`${heading ? `${heading}: ` : ''}${pokemon.name}`}>
      <header className="pokemon-card-head">
        <PokemonSprite pokemon={pokemon} />
        <div>
          {heading && <p className="eyebrow">{heading}</p>}
          <h3>
            <Link to={`/pokemon/${pokemon.id}`}>{pokemon.name}</Link>
          </h3>
          <p className="muted">
            #{pokemon.dex_number}
            {pokemon.forme_label ? ` · ${pokemon.forme_label}` : ''}
          </p>
          <TypeList types={pokemon.types} />
        </div>
      </header>
      <StatBars stats={pokemon.stats} caption={`Base stats of ${pokemon.name}`} />
    </article>
  );
}
