import { useMemo, useState } from 'react';
import { typeChart } from '../api/queries';
import { ErrorMessage, Loading } from '../components/status';
import { TypeBadge } from '../components/type-badge';
import { buildChart, Chart, multiplier, summarise } from '../lib/type-chart';
import { describeMultiplier, formatMultiplier, multiplierClass, TYPE_NAMES, typeClass } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

export default function TypesPage() {
  useTitle('Types & affinities');
  const state = useAsync(typeChart, []);
  const chart = useMemo(() => (state.data ? buildChart(state.data) : undefined), [state.data]);
  const [selected, setSelected] = useState<string>('Fire');
  return (
    <section aria-labelledby="types-title">
      <h1 id="types-title">Types &amp; affinities</h1>
      <p className="lead">The damage multiplier of every attacking type (rows) on every defending type (columns). Choose a type for its lists.</p>
      {state.status === 'loading' && <Loading what="the type chart" />}
      {state.status === 'error' && <ErrorMessage error={state.error} what="the type chart" onRetry={state.reload} />}
      {chart && (
        <>
          <TypeMatrix chart={chart} selected={selected} onSelect={setSelected} />
          <TypeDetails chart={chart} type={selected} onSelect={setSelected} />
        </>
      )}
    </section>
  );
}

export function TypeMatrix({ chart, selected, onSelect }: { chart: Chart; selected: string; onSelect: (t: string) => void }) {
  return (
    <div className="table-scroll">
      <table className="matrix">
        <caption>Attacking type (row) → defending type (column). Blank cells are neutral (1×).</caption>
        <thead>
          <tr>
            <td />
            {TYPE_NAMES.map((d) => (
              <th key={d} scope="col" className={`type-head ${typeClass(d)}${d === selected ? ' selected' : ''}`}>
                <abbr title={d}>{d.slice(0, 3)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TYPE_NAMES.map((a) => (
            <tr key={a} className={a === selected ? 'selected' : undefined}>
              <th scope="row">
                <button type="button" className={`type-badge ${typeClass(a)}`} aria-pressed={a === selected} onClick={() => onSelect(a)}>
                  {a}
                </button>
              </th>
              {TYPE_NAMES.map((d) => {
                const m = multiplier(chart, a, d);
                return (
                  <td key={d} className={`mult ${multiplierClass(m)}`} title={`${a} → ${d}: ${formatMultiplier(m)} (${describeMultiplier(m)})`}>
                    {m === 1 ? <span className="visually-hidden">1×</span> : formatMultiplier(m)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Badges({ types, none }: { types: string[]; none: string }) {
  return types.length ? (
    <>
      {types.map((t) => (
        <TypeBadge key={t} name={t} />
      ))}
    </>
  ) : (
    <span className="muted">{none}</span>
  );
}

export function TypeDetails({ chart, type, onSelect }: { chart: Chart; type: string; onSelect: (t: string) => void }) {
  const s = summarise(chart, type, TYPE_NAMES);
  return (
    <section className="type-details" aria-labelledby="type-details-title">
      <h2 id="type-details-title">
        <label>
          Type{' '}
          <select value={type} onChange={(e) => onSelect(e.target.value)}>
            {TYPE_NAMES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
      </h2>
      <div className="detail-grid">
        <div className="card">
          <h3>{type} attacking</h3>
          <dl>
            <dt>Super effective (2×) against</dt>
            <dd>
              <Badges types={s.superEffective} none="nothing" />
            </dd>
            <dt>Not very effective (½×) against</dt>
            <dd>
              <Badges types={s.notVeryEffective} none="nothing" />
            </dd>
            <dt>No effect (0×) on</dt>
            <dd>
              <Badges types={s.noEffect} none="nothing" />
            </dd>
          </dl>
        </div>
        <div className="card">
          <h3>{type} defending</h3>
          <dl>
            <dt>Weak to (2×)</dt>
            <dd>
              <Badges types={s.weakTo} none="nothing" />
            </dd>
            <dt>Resists (½×)</dt>
            <dd>
              <Badges types={s.resists} none="nothing" />
            </dd>
            <dt>Immune to (0×)</dt>
            <dd>
              <Badges types={s.immuneTo} none="nothing" />
            </dd>
          </dl>
        </div>
      </div>
    </section>
  );
}
