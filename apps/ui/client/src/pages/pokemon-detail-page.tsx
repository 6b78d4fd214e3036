import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { LearnMethod, LearnsetEntry, Pokemon, TypeAffinity } from '@predictiondex/api-client';
import { BffRequestError } from '../api/bff-client';
import { allPokemon, learnset, weaknesses } from '../api/queries';
import { PokemonSprite } from '../components/pokemon-sprite';
import { StatBars } from '../components/stat-bars';
import { ErrorMessage, Loading } from '../components/status';
import { TypeBadge, TypeList } from '../components/type-badge';
import { isStab } from '../lib/battle-moves';
import { statRanks } from '../lib/stat-rank';
import { TYPE_NAMES } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

export const METHOD_LABELS: Record<LearnMethod['method'], string> = {
  'level-up': 'Level up',
  evolution: 'On evolution',
  tm: 'TM',
  tutor: 'Tutor',
  event: 'Event',
  inherited: 'Inherited',
};

export default function PokemonDetailPage() {
  const id = Number(useParams().id);
  const state = useAsync(async () => {
    if (!Number.isInteger(id) || id < 1) throw new BffRequestError(404, `there is no Pokémon with id “${describeId(id)}”`);
    const all = await allPokemon();
    const pokemon = all.find((p) => p.id === id);
    if (!pokemon) throw new BffRequestError(404, `there is no Pokémon with id ${id}`);
    const [moves, weak] = await Promise.all([learnset(id), weaknesses(id)]);
    return { all, pokemon, moves, weak };
  }, [id]);
  useTitle(state.data?.pokemon.name ?? 'Pokémon');
  return (
    <section aria-labelledby="detail-title">
      {state.status === 'loading' && (
        <>
          <h1 id="detail-title">Pokémon</h1>
          <Loading what="the Pokémon" />
        </>
      )}
      {state.status === 'error' && (
        <>
          <h1 id="detail-title">Pokémon</h1>
          <ErrorMessage error={state.error} what="this Pokémon" onRetry={state.reload} />
          <p>
            <Link to="/pokemon">All Pokémon</Link>
          </p>
        </>
      )}
      {state.status === 'success' && <Details {...state.data} />}
    </section>
  );
}

function describeId(id: number): string {
  return Number.isNaN(id) ? '?' : String(id);
}

function Details({ all, pokemon, moves, weak }: { all: Pokemon[]; pokemon: Pokemon; moves: { items: LearnsetEntry[] }; weak: { affinities: TypeAffinity[] } }) {
  const ranks = useMemo(() => statRanks(all, pokemon), [all, pokemon]);
  const index = all.findIndex((p) => p.id === pokemon.id);
  const prev = all[index - 1];
  const next = all[index + 1];
  return (
    <>
      <nav className="pager" aria-label="Other Pokémon">
        {prev ? <Link to={`/pokemon/${prev.id}`}>← {prev.name}</Link> : <span />}
        <Link to="/pokemon">All Pokémon</Link>
        {next ? <Link to={`/pokemon/${next.id}`}>{next.name} →</Link> : <span />}
      </nav>
      <header className="detail-head">
        <PokemonSprite pokemon={pokemon} size={128} />
        <div>
          <h1 id="detail-title">{pokemon.name}</h1>
          <p className="muted">
            #{pokemon.dex_number}
            {pokemon.forme_label ? ` · ${pokemon.forme_label}` : ''}
            {pokemon.name_fr ? ` · ${pokemon.name_fr}` : ''}
            {pokemon.height_m !== null ? ` · ${pokemon.height_m} m` : ''}
            {pokemon.weight_kg !== null ? ` · ${pokemon.weight_kg} kg` : ''}
            {pokemon.evolves_from ? ` · evolves from ${pokemon.evolves_from}` : ''}
          </p>
          <TypeList types={pokemon.types} />
          <p>
            <Link to={`/battle?a=${pokemon.id}`}>Battle with {pokemon.name}</Link>
          </p>
        </div>
      </header>
      <div className="detail-grid">
        <section aria-labelledby="stats-title" className="card">
          <h2 id="stats-title">Base stats</h2>
          <p>
            Total <strong>{pokemon.stats.total}</strong>, rank <strong>{ranks.total}</strong> of {all.length}.
          </p>
          <StatBars stats={pokemon.stats} caption={`Base stats of ${pokemon.name}, with each stat’s rank among ${all.length} Pokémon`} ranks={ranks} />
        </section>
        <section aria-labelledby="weak-title" className="card">
          <h2 id="weak-title">Weaknesses</h2>
          <WeaknessGroups affinities={weak.affinities} />
        </section>
      </div>
      <Learnset pokemon={pokemon} all={all} entries={moves.items} />
    </>
  );
}

const GROUPS: { label: string; test: (m: number) => boolean }[] = [
  { label: 'Takes 4×', test: (m) => m === 4 },
  { label: 'Takes 2×', test: (m) => m === 2 },
  { label: 'Takes ½×', test: (m) => m === 0.5 },
  { label: 'Takes ¼×', test: (m) => m === 0.25 },
  { label: 'Immune (0×)', test: (m) => m === 0 },
];

export function WeaknessGroups({ affinities }: { affinities: TypeAffinity[] }) {
  return (
    <dl className="weakness-groups">
      {GROUPS.map((g) => {
        const types = affinities.filter((a) => g.test(a.multiplier));
        return types.length ? (
          <div key={g.label}>
            <dt>{g.label}</dt>
            <dd>
              {types.map((a) => (
                <TypeBadge key={a.type.name} name={a.type.name} />
              ))}
            </dd>
          </div>
        ) : null;
      })}
    </dl>
  );
}

export function describeMethod(m: LearnMethod, self: number, all: Pokemon[]): string {
  const base = m.method === 'level-up' && m.level !== null ? `Level ${m.level}` : METHOD_LABELS[m.method];
  if (m.source_pokemon_id === self) return base;
  const source = all.find((p) => p.id === m.source_pokemon_id);
  return `${base} (as ${source?.name ?? `#${m.source_pokemon_id}`})`;
}

export function Learnset({ pokemon, all, entries }: { pokemon: Pokemon; all: Pokemon[]; entries: LearnsetEntry[] }) {
  const [method, setMethod] = useState('');
  const [type, setType] = useState('');
  const [category, setCategory] = useState('');
  const shown = entries
    .filter(
      (e) =>
        (!method || e.methods.some((m) => m.method === method)) && (!type || e.move.type.name === type) && (!category || e.move.category === category),
    )
    .sort((x, y) => (y.move.power ?? -1) - (x.move.power ?? -1) || x.move.name.localeCompare(y.move.name));
  const methods = [...new Set(entries.flatMap((e) => e.methods.map((m) => m.method)))];
  return (
    <section aria-labelledby="learnset-title">
      <h2 id="learnset-title">Learnset</h2>
      <form className="filters" aria-label="Learnset filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          How learnt
          <select value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="">Any way</option>
            {methods.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
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
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All categories</option>
            <option value="physical">Physical</option>
            <option value="special">Special</option>
            <option value="status">Status</option>
          </select>
        </label>
      </form>
      <p role="status" aria-live="polite" className="muted">
        {shown.length} of {entries.length} moves. <abbr title="Same-type attack bonus">STAB</abbr>: the move shares a type with {pokemon.name} (×1.5 damage).
      </p>
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">Moves {pokemon.name} can learn</caption>
          <thead>
            <tr>
              <th scope="col">Move</th>
              <th scope="col">Type</th>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Power
              </th>
              <th scope="col" className="num">
                Accuracy
              </th>
              <th scope="col">How learnt</th>
              <th scope="col">STAB</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.move.id}>
                <th scope="row">{e.move.name}</th>
                <td>
                  <TypeBadge name={e.move.type.name} small />
                </td>
                <td className="capitalize">{e.move.category}</td>
                <td className="num">{e.move.power ?? '—'}</td>
                <td className="num">{e.move.accuracy === null ? '—' : `${e.move.accuracy}%`}</td>
                <td>{e.methods.map((m) => describeMethod(m, pokemon.id, all)).join(', ')}</td>
                <td>{isStab(e.move, pokemon) ? <span className="stab">STAB</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p>No move matches these filters.</p>}
    </section>
  );
}
