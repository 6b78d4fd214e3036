import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Pokemon } from '@predictiondex/api-client';
import { allPokemon } from '../api/queries';
import { searchPokemon } from '../components/pokemon-picker';
import { PokemonSprite } from '../components/pokemon-sprite';
import { ErrorMessage, Loading } from '../components/status';
import { TypeList } from '../components/type-badge';
import { TYPE_NAMES } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

const FORMS: { id: '' | Pokemon['form']; label: string }[] = [
  { id: '', label: 'All forms' },
  { id: 'base', label: 'Base' },
  { id: 'alola', label: 'Alolan' },
  { id: 'mega', label: 'Mega' },
  { id: 'partner', label: 'Partner' },
];

export default function PokemonListPage() {
  useTitle('Pokémon');
  const state = useAsync(allPokemon, []);
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const [form, setForm] = useState<'' | Pokemon['form']>('');
  const shown = useMemo(() => {
    const all = state.data ?? [];
    const matches = query ? searchPokemon(all, query, all.length) : all;
    return matches.filter((p) => (!type || p.types.some((t) => t.name === type)) && (!form || p.form === form));
  }, [state.data, query, type, form]);
  return (
    <section aria-labelledby="pokemon-title">
      <h1 id="pokemon-title">Pokémon</h1>
      <p className="lead">Every Pokémon of Let’s Go. Open one for its stats, weaknesses and learnset.</p>
      {state.status === 'loading' && <Loading what="the Pokédex" />}
      {state.status === 'error' && <ErrorMessage error={state.error} what="the Pokédex" onRetry={state.reload} />}
      {state.status === 'success' && (
        <>
          <form className="filters" aria-label="Pokémon filters" onSubmit={(e) => e.preventDefault()}>
            <label>
              Name or number
              <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. pika or 25" />
            </label>
            <label>
              Type
              <select value={type} onChange={(e) => setType(e.target.value)}>
                <option value="">All types</option>
                {TYPE_NAMES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <label>
              Form
              <select value={form} onChange={(e) => setForm(e.target.value as '' | Pokemon['form'])}>
                {FORMS.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.label}
                  </option>
                ))}
              </select>
            </label>
          </form>
          <p role="status" aria-live="polite" className="muted">
            {shown.length} of {state.data.length} Pokémon
          </p>
          <ul className="pokemon-grid">
            {shown.map((p) => (
              <li key={p.id}>
                <Link to={`/pokemon/${p.id}`} className="pokemon-tile">
                  <PokemonSprite pokemon={p} size={64} />
                  <span className="tile-name">
                    <span className="muted">#{p.dex_number}</span> {p.name}
                  </span>
                  <TypeList types={p.types} />
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
