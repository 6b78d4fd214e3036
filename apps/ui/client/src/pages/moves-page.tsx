import { useMemo, useState } from 'react';
import type { Move, PokemonType } from '@predictiondex/api-client';
import { allMoves, allTypes } from '../api/queries';
import { ErrorMessage, Loading } from '../components/status';
import { TypeBadge } from '../components/type-badge';
import { filterMoves, MoveFilters, MoveSort, MoveSortKey, NO_FILTERS, POWER_BANDS, PowerBand, sortMoves, topByPower } from '../lib/moves-filter';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

const COLUMNS: { key: MoveSortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Move' },
  { key: 'type', label: 'Type' },
  { key: 'category', label: 'Category' },
  { key: 'power', label: 'Power', numeric: true },
  { key: 'accuracy', label: 'Accuracy', numeric: true },
  { key: 'pp', label: 'PP', numeric: true },
  { key: 'priority', label: 'Priority', numeric: true },
];

export default function MovesPage() {
  useTitle('Moves');
  const state = useAsync(() => Promise.all([allMoves(), allTypes()]), []);
  return (
    <section aria-labelledby="moves-title">
      <h1 id="moves-title">Moves</h1>
      <p className="lead">Every move of Pokémon Let’s Go, from the api. Filter, sort by any column, or keep the strongest.</p>
      {state.status === 'loading' && <Loading what="the moves" />}
      {state.status === 'error' && <ErrorMessage error={state.error} what="the moves" onRetry={state.reload} />}
      {state.status === 'success' && <MovesTable moves={state.data[0]} types={state.data[1]} />}
    </section>
  );
}

export function MovesTable({ moves, types }: { moves: Move[]; types: PokemonType[] }) {
  const [filters, setFilters] = useState<MoveFilters>(NO_FILTERS);
  const [sort, setSort] = useState<MoveSort>({ key: 'name', direction: 'ascending' });
  const [top, setTop] = useState(false);
  const [topN, setTopN] = useState(10);
  const shown = useMemo(() => {
    const filtered = filterMoves(moves, filters);
    return top ? sortMoves(topByPower(filtered, topN), sort.key === 'name' ? { key: 'power', direction: 'descending' } : sort) : sortMoves(filtered, sort);
  }, [moves, filters, sort, top, topN]);
  const set = (patch: Partial<MoveFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const toggleSort = (key: MoveSortKey) =>
    setSort((s) => ({ key, direction: s.key === key ? (s.direction === 'ascending' ? 'descending' : 'ascending') : key === 'name' || key === 'type' || key === 'category' ? 'ascending' : 'descending' }));
  return (
    <>
      <form className="filters" aria-label="Move filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Name
          <input type="search" value={filters.name} onChange={(e) => set({ name: e.target.value })} placeholder="e.g. thunder" />
        </label>
        <label>
          Type
          <select value={filters.type} onChange={(e) => set({ type: e.target.value })}>
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Category
          <select value={filters.category} onChange={(e) => set({ category: e.target.value as MoveFilters['category'] })}>
            <option value="">All categories</option>
            <option value="physical">Physical</option>
            <option value="special">Special</option>
            <option value="status">Status</option>
          </select>
        </label>
        <label>
          Power
          <select value={filters.power} onChange={(e) => set({ power: e.target.value as PowerBand })}>
            {POWER_BANDS.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={top} onChange={(e) => setTop(e.target.checked)} /> Only the top
          <input
            type="number"
            min={1}
            max={100}
            value={topN}
            aria-label="How many moves in the top by power"
            onChange={(e) => setTopN(Math.max(1, Math.min(100, Number(e.target.value) || 1)))}
          />
          by power
        </label>
        <button type="button" onClick={() => (setFilters(NO_FILTERS), setTop(false))}>
          Reset
        </button>
      </form>
      <p role="status" aria-live="polite" className="muted">
        {shown.length} of {moves.length} moves
      </p>
      <div className="table-scroll">
        <table className="data">
          <caption className="visually-hidden">Moves, sorted by {sort.key} ({sort.direction})</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : 'none'} className={c.numeric ? 'num' : undefined}>
                  <button type="button" className="sort" onClick={() => toggleSort(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={m.id}>
                <th scope="row" title={m.description}>
                  {m.name}
                </th>
                <td>
                  <TypeBadge name={m.type.name} small />
                </td>
                <td className="capitalize">{m.category}</td>
                <td className="num">{m.power ?? '—'}</td>
                <td className="num">{m.accuracy === null ? 'never misses' : `${m.accuracy}%`}</td>
                <td className="num">{m.pp}</td>
                <td className="num">{m.priority > 0 ? `+${m.priority}` : m.priority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p>No move matches these filters.</p>}
    </>
  );
}
