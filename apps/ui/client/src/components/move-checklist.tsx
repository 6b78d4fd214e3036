import type { MoveSummary, Pokemon } from '@predictiondex/api-client';
import { isStab, MAX_MOVES } from '../lib/battle-moves';
import { TypeBadge } from './type-badge';

/** Checkboxes of learnable battle moves, at most MAX_MOVES ticked (the api's limit). */
export function MoveChecklist({
  legend,
  pokemon,
  moves,
  selected,
  onChange,
}: {
  legend: string;
  pokemon: Pokemon;
  moves: MoveSummary[];
  selected: number[];
  onChange: (ids: number[]) => void;
}) {
  const chosen = new Set(selected);
  const full = chosen.size >= MAX_MOVES;
  const toggle = (id: number, on: boolean) => onChange(on ? [...selected, id] : selected.filter((x) => x !== id));
  return (
    <fieldset className="move-checklist">
      <legend>{legend}</legend>
      <p className="muted">
        {chosen.size} of {moves.length} learnable damaging moves chosen (at most {MAX_MOVES}).{' '}
        <button type="button" className="link" onClick={() => onChange(moves.slice(0, 4).map((m) => m.id))}>
          Strongest 4
        </button>{' '}
        <button type="button" className="link" onClick={() => onChange(moves.slice(0, MAX_MOVES).map((m) => m.id))}>
          Strongest {Math.min(MAX_MOVES, moves.length)}
        </button>{' '}
        <button type="button" className="link" onClick={() => onChange([])}>
          None
        </button>
      </p>
      {moves.length === 0 && <p>{pokemon.name} learns no damaging move.</p>}
      <ul className="checklist">
        {moves.map((m) => (
          <li key={m.id}>
            <label>
              <input type="checkbox" checked={chosen.has(m.id)} disabled={full && !chosen.has(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
              <span className="move-name">{m.name}</span> <TypeBadge name={m.type.name} small />{' '}
              <span className="muted">
                {m.power ?? '—'} · {m.category}
              </span>
              {isStab(m, pokemon) && (
                <abbr className="stab" title="Same-type attack bonus (×1.5)">
                  STAB
                </abbr>
              )}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
