import { useId, useMemo, useState } from 'react';
import type { Pokemon } from '@predictiondex/api-client';
import { TypeBadge } from './type-badge';

/** Case- and accent-insensitive. */
export function normalise(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** Matches by English or French name, or by Pokédex number; exact, then prefix, then substring. */
export function searchPokemon(all: Pokemon[], query: string, limit = 12): Pokemon[] {
  const q = normalise(query);
  if (!q) return all.slice(0, limit);
  const scored: [number, Pokemon][] = [];
  for (const p of all) {
    const names = [normalise(p.name), normalise(p.name_fr ?? '')].filter(Boolean);
    let score = -1;
    if (String(p.dex_number) === q || names.includes(q)) score = 0;
    else if (names.some((n) => n.startsWith(q))) score = 1;
    else if (names.some((n) => n.includes(q))) score = 2;
    if (score >= 0) scored.push([score, p]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].dex_number - b[1].dex_number || a[1].id - b[1].id)
    .slice(0, limit)
    .map(([, p]) => p);
}

/**
 * A combobox (ARIA 1.2 pattern): type to filter, arrows to move, Enter to pick, Escape to close.
 * Options are plain text from the api, rendered as React text (never HTML).
 */
export function PokemonPicker({ label, all, selected, onSelect }: { label: string; all: Pokemon[]; selected?: Pokemon; onSelect: (p: Pokemon) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchPokemon(all, query), [all, query]);
  const listId = `${id}-list`;
  const pick = (p: Pokemon) => {
    onSelect(p);
    setQuery('');
    setOpen(false);
  };
  return (
    <div className="picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder={selected ? `${selected.name} — type to change` : 'Name or Pokédex number'}
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches[active] ? `${id}-opt-${matches[active].id}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open && matches[active]) {
            e.preventDefault();
            pick(matches[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${label}: matches`} className="picker-list" hidden={!open || matches.length === 0}>
        {matches.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-opt-${p.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(p);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="muted">#{p.dex_number}</span> {p.name}
            {p.forme_label ? <span className="muted"> ({p.forme_label})</span> : null}{' '}
            {p.types.map((t) => (
              <TypeBadge key={t.name} name={t.name} small />
            ))}
          </li>
        ))}
      </ul>
      {open && query && matches.length === 0 && <p className="muted">No Pokémon matches “{query}”.</p>}
    </div>
  );
}
