import { useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { BestMoveResponse, Pokemon, ScoredMove, SimulateResponse } from '@predictiondex/api-client';
import { api, unwrap } from '../api/bff-client';
import { allPokemon, learnset, weaknesses } from '../api/queries';
import { ProbabilityBar } from '../components/bar';
import { MoveChecklist } from '../components/move-checklist';
import { OutcomeReport } from '../components/outcome-report';
import { PokemonCard } from '../components/pokemon-card';
import { PokemonPicker } from '../components/pokemon-picker';
import { ErrorMessage, Loading } from '../components/status';
import { TypeBadge } from '../components/type-badge';
import { WeaknessHeatmap } from '../components/weakness-heatmap';
import { battleMoves, defaultSelection } from '../lib/battle-moves';
import { formatMultiplier, percent } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

export default function BattlePage() {
  useTitle('Battle & prediction');
  const [params, setParams] = useSearchParams();
  const state = useAsync(allPokemon, []);
  const aId = Number(params.get('a')) || undefined;
  const bId = Number(params.get('b')) || undefined;
  const choose = (side: 'a' | 'b', p: Pokemon) => {
    const next = new URLSearchParams(params);
    next.set(side, String(p.id));
    setParams(next);
  };
  const all = state.data ?? [];
  const a = all.find((p) => p.id === aId);
  const b = all.find((p) => p.id === bId);
  return (
    <section aria-labelledby="battle-title">
      <h1 id="battle-title">Battle &amp; prediction</h1>
      <p className="lead">
        Pick Pokémon A (yours) and B (the opponent), A’s moves, and how B answers: the model ranks A’s moves by A’s chance to win, and the real battle engine can
        check it.
      </p>
      {state.status === 'loading' && <Loading what="the Pokédex" />}
      {state.status === 'error' && <ErrorMessage error={state.error} what="the Pokédex" onRetry={state.reload} />}
      {state.status === 'success' && (
        <>
          <div className="pickers">
            <PokemonPicker label="Pokémon A (yours)" all={all} selected={a} onSelect={(p) => choose('a', p)} />
            <PokemonPicker label="Pokémon B (opponent)" all={all} selected={b} onSelect={(p) => choose('b', p)} />
          </div>
          {(!a || !b) && <p className="hint">Choose both Pokémon to see their matchup.</p>}
          {(a || b) && (
            <div className="cards">
              {a ? <PokemonCard pokemon={a} heading="A" side="a" /> : <div className="card empty">Pokémon A: not chosen</div>}
              {b ? <PokemonCard pokemon={b} heading="B" side="b" /> : <div className="card empty">Pokémon B: not chosen</div>}
            </div>
          )}
          {a && b && <Matchup key={`${a.id}-${b.id}`} a={a} b={b} />}
        </>
      )}
    </section>
  );
}

type Run<T> = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: Error } | { status: 'success'; data: T };

function Matchup({ a, b }: { a: Pokemon; b: Pokemon }) {
  const data = useAsync(() => Promise.all([learnset(a.id), learnset(b.id), weaknesses(a.id), weaknesses(b.id)]), [a.id, b.id]);
  const movesA = useMemo(() => (data.data ? battleMoves(data.data[0]) : []), [data.data]);
  const movesB = useMemo(() => (data.data ? battleMoves(data.data[1]) : []), [data.data]);
  const [pickedA, setPickedA] = useState<number[] | null>(null);
  const [pickedB, setPickedB] = useState<number[] | null>(null);
  const [mode, setMode] = useState<'auto' | 'manual'>('auto');
  const [prediction, setPrediction] = useState<Run<BestMoveResponse>>({ status: 'idle' });
  const selectedA = pickedA ?? defaultSelection(movesA);
  const selectedB = pickedB ?? defaultSelection(movesB);
  const modeId = useId();

  if (data.status === 'loading') return <Loading what="learnsets and weaknesses" />;
  if (data.status === 'error') return <ErrorMessage error={data.error} what="the learnsets" onRetry={data.reload} />;
  const [, , weakA, weakB] = data.data;

  const predict = async () => {
    setPrediction({ status: 'loading' });
    try {
      const body = {
        pokemon_a_id: a.id,
        pokemon_b_id: b.id,
        available_moves: selectedA,
        ...(mode === 'manual' ? { available_moves_b: selectedB } : {}),
      };
      setPrediction({ status: 'success', data: unwrap(await api.POST('/predict/best-move', { body })) });
    } catch (e) {
      setPrediction({ status: 'error', error: e as Error });
    }
  };
  const canPredict = selectedA.length > 0 && (mode === 'auto' || selectedB.length > 0) && prediction.status !== 'loading';

  return (
    <>
      <WeaknessHeatmap
        caption="Damage each attacking type does to A and B"
        rows={[
          { label: `A: ${a.name}`, affinities: weakA.affinities },
          { label: `B: ${b.name}`, affinities: weakB.affinities },
        ]}
      />
      <form
        className="battle-form"
        aria-label="Prediction settings"
        onSubmit={(e) => {
          e.preventDefault();
          if (canPredict) void predict();
        }}
      >
        <MoveChecklist legend={`A’s moves (${a.name})`} pokemon={a} moves={movesA} selected={selectedA} onChange={setPickedA} />
        <fieldset className="opponent">
          <legend>B’s replies ({b.name})</legend>
          <label>
            <input type="radio" name={modeId} value="auto" checked={mode === 'auto'} onChange={() => setMode('auto')} /> Auto: B plays its strongest reply
            among every damaging move it learns
          </label>
          <label>
            <input type="radio" name={modeId} value="manual" checked={mode === 'manual'} onChange={() => setMode('manual')} /> Manual: choose B’s moves
          </label>
          {mode === 'manual' && <MoveChecklist legend={`B’s moves (${b.name})`} pokemon={b} moves={movesB} selected={selectedB} onChange={setPickedB} />}
        </fieldset>
        <button type="submit" className="primary" disabled={!canPredict}>
          {prediction.status === 'loading' ? 'Predicting…' : 'Predict the best move'}
        </button>
      </form>
      <div aria-live="polite">
        {prediction.status === 'loading' && <Loading what="the prediction" />}
        {prediction.status === 'error' && <ErrorMessage error={prediction.error} what="the prediction" onRetry={() => void predict()} />}
        {prediction.status === 'success' && <PredictionResult result={prediction.data} a={a} b={b} />}
      </div>
    </>
  );
}

export function PredictionResult({ result, a, b }: { result: BestMoveResponse; a: Pokemon; b: Pokemon }) {
  const best = result.all_moves[0];
  return (
    <section className="result" aria-labelledby="result-title">
      <h2 id="result-title">Ranked moves</h2>
      {best ? (
        <p className="verdict">
          Best move for {a.name}: <strong>{result.recommended_move}</strong> — {a.name} wins with probability <strong>{percent(result.win_probability, 1)}</strong>{' '}
          against {b.name}’s strongest reply, {result.pokemon_b_move.name}.
        </p>
      ) : (
        <p>None of the chosen moves can be scored.</p>
      )}
      <p className="muted">
        Model {result.model.name} v{result.model.version}; B’s replies: {result.b_moves_considered} {result.b_moves_source === 'given' ? 'chosen' : 'learnable'} moves.
      </p>
      <div className="table-scroll">
        <table className="data ranked">
          <caption className="visually-hidden">
            {a.name}’s moves against {b.name}, best first
          </caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Move</th>
              <th scope="col" className="num">
                Power
              </th>
              <th scope="col" className="num">
                Effective
              </th>
              <th scope="col" className="num">
                Type ×
              </th>
              <th scope="col">B’s reply</th>
              <th scope="col">A wins</th>
              <th scope="col" className="num">
                Mean vs all replies
              </th>
            </tr>
          </thead>
          <tbody>
            {result.all_moves.map((m, i) => (
              <tr key={m.move_id} className={i === 0 ? 'best' : undefined}>
                <td>{i + 1}</td>
                <th scope="row">
                  {m.move_name} <TypeBadge name={m.move_type} small />
                  {m.stab && (
                    <abbr className="stab" title="Same-type attack bonus (×1.5)">
                      STAB
                    </abbr>
                  )}
                  {m.priority > 0 && <span className="muted"> priority +{m.priority}</span>}
                </th>
                <td className="num">{m.move_power ?? '—'}</td>
                <td className="num">{Math.round(m.effective_power)}</td>
                <td className="num">{formatMultiplier(m.type_multiplier)}</td>
                <td>
                  {m.b_reply.name} <TypeBadge name={m.b_reply.type} small />
                </td>
                <td className="prob">
                  <ProbabilityBar p={m.win_probability} label={`${a.name} wins with ${m.move_name}`} />
                </td>
                <td className="num">{percent(m.score, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.skipped_moves.length > 0 && (
        <p className="muted">
          Not scored: {result.skipped_moves.map((s) => `${s.move_name} (${s.reason})`).join('; ')}.
        </p>
      )}
      {result.all_moves.length > 0 && <OutcomeReport key={result.prediction_id} result={result} a={a} b={b} />}
      {result.all_moves.length > 0 && <EngineCheck result={result} a={a} b={b} />}
    </section>
  );
}

export const BATTLE_COUNTS = [50, 100, 200] as const;

/** POST /predict/simulate: the same matchup played N times by the real engine, beside the model's probability. */
export function EngineCheck({ result, a, b }: { result: BestMoveResponse; a: Pokemon; b: Pokemon }) {
  const [moveId, setMoveId] = useState(result.all_moves[0].move_id);
  const [battles, setBattles] = useState<number>(100);
  const [run, setRun] = useState<Run<SimulateResponse>>({ status: 'idle' });
  const move = result.all_moves.find((m) => m.move_id === moveId) ?? result.all_moves[0];
  const check = async (m: ScoredMove) => {
    setRun({ status: 'loading' });
    try {
      const body = { pokemon_a_id: a.id, pokemon_b_id: b.id, move_a: m.move_id, move_b: m.b_reply.id, n_battles: battles };
      setRun({ status: 'success', data: unwrap(await api.POST('/predict/simulate', { body })) });
    } catch (e) {
      setRun({ status: 'error', error: e as Error });
    }
  };
  return (
    <section className="engine-check" aria-labelledby="engine-title">
      <h3 id="engine-title">Check with the engine</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void check(move);
        }}
      >
        <label>
          A’s move
          <select value={moveId} onChange={(e) => setMoveId(Number(e.target.value))}>
            {result.all_moves.map((m) => (
              <option key={m.move_id} value={m.move_id}>
                {m.move_name} (B replies {m.b_reply.name})
              </option>
            ))}
          </select>
        </label>
        <label>
          Battles
          <select value={battles} onChange={(e) => setBattles(Number(e.target.value))}>
            {BATTLE_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={run.status === 'loading'}>
          {run.status === 'loading' ? 'Simulating…' : `Simulate ${battles} battles`}
        </button>
      </form>
      <div aria-live="polite">
        {run.status === 'loading' && <Loading what={`${battles} battles`} />}
        {run.status === 'error' && <ErrorMessage error={run.error} what="the simulation" onRetry={() => void check(move)} />}
        {run.status === 'success' && <EngineResult sim={run.data} />}
      </div>
    </section>
  );
}

export function EngineResult({ sim }: { sim: SimulateResponse }) {
  const s = sim.simulation;
  return (
    <div className="engine-result">
      <p>
        {sim.pokemon_a_name} uses {sim.move_a.name}, {sim.pokemon_b_name} replies {sim.move_b.name}.
      </p>
      <dl className="compare">
        <div>
          <dt>Model: {sim.pokemon_a_name} wins</dt>
          <dd>
            <ProbabilityBar p={sim.model_win_probability} label="Model's probability" />
          </dd>
        </div>
        <div>
          <dt>
            Engine: {sim.pokemon_a_name} won {s.wins_a} of {s.played} battles
          </dt>
          <dd>
            <ProbabilityBar p={s.win_rate_a} label="Engine's win rate" />
          </dd>
        </div>
      </dl>
      <p className={sim.model_agrees ? 'agree' : 'disagree'}>
        {sim.model_agrees ? 'The model agrees with the engine’s majority winner.' : 'The model disagrees with the engine’s majority winner.'}
      </p>
      <p className="muted">
        {s.wins_b} losses, {s.draws} draws, {s.mean_turns.toFixed(1)} turns on average, {s.duration_ms} ms, seed {s.seed}.
        {s.truncated && ` The time budget stopped it after ${s.played} of ${s.requested} battles.`}
      </p>
    </div>
  );
}
