import { useEffect, useState } from 'react';
import type { Pokemon } from '@predictiondex/api-client';
import { typeClass } from '../lib/types';

/** Only http(s) sprites are loaded (the CSP narrows it further to the configured origins). */
const SAFE_URL = /^https?:\/\//i;

/**
 * The sprite, or — when there is none, or it cannot load (offline, blocked, 404) — a placeholder in
 * the Pokémon's first type colour with its initials. A missing image never breaks a page.
 */
export function PokemonSprite({ pokemon, size = 96 }: { pokemon: Pick<Pokemon, 'name' | 'sprite_url' | 'types'>; size?: number }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [pokemon.sprite_url]);
  const url = pokemon.sprite_url;
  if (url && SAFE_URL.test(url) && !failed) {
    return (
      <img
        className="sprite"
        src={url}
        alt={pokemon.name}
        width={size}
        height={size}
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className={`sprite sprite-placeholder ${typeClass(pokemon.types[0]?.name)} size-${size}`} role="img" aria-label={`${pokemon.name} (no sprite)`}>
      {initials(pokemon.name)}
    </span>
  );
}

export function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2)).toUpperCase();
}
