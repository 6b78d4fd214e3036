import type { Decision, DecisionPage } from '@predictiondex/api-client';

const DECISION_LABELS: Record<Decision['decision'], string> = { promoted: 'Promoted', 'kept-champion': 'Rejected', 'rolled-back': 'Rollback' };

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' ? (x as Record<string, unknown>) : {});

/**
 * The figures behind a decision as short lines (`figures` is the worker's free-form record: only
 * the known numbers are read, anything missing is left out).
 */
export function decisionFigures(figures: Record<string, unknown>): string[] {
  const challenger = obj(figures['challenger']);
  const champion = obj(figures['champion']);
  const feedback = obj(figures['feedback']);
  const lines: string[] = [];
  const pair = (name: string, key: string) => {
    const c = num(challenger[key]);
    const k = num(champion[key]);
    if (c !== undefined) lines.push(`${name}: challenger ${c.toFixed(4)}${k !== undefined ? ` vs champion ${k.toFixed(4)}` : ''}`);
  };
  pair('test log loss', 'testLogLoss');
  pair('feedback log loss', 'feedbackLogLoss');
  const trained = num(feedback['trained']);
  const heldOut = num(feedback['heldOut']);
  if (trained !== undefined && heldOut !== undefined) lines.push(`feedback: ${trained} trained on (×${num(feedback['weight']) ?? 1}), ${heldOut} held out`);
  return lines;
}

function versions(d: Decision): string {
  if (d.kind === 'rollback') return `v${d.champion_before ?? '—'} → v${d.champion_after}`;
  return `v${d.candidate_version} vs v${d.champion_before ?? '—'} → v${d.champion_after} serves`;
}

/** The model_decision audit: every promotion, rejection and rollback with its reasons and figures. */
export function DecisionList({ data }: { data: DecisionPage }) {
  if (data.items.length === 0) return <p>No decision recorded yet: retrains (feedback, drift, schedule or manual) and rollbacks appear here.</p>;
  return (
    <div className="table-scroll">
      <table className="data decisions">
        <caption>
          {data.total} decision{data.total === 1 ? '' : 's'} on the serving model, newest first{data.total > data.items.length ? ` (latest ${data.items.length})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Decision</th>
            <th scope="col">Versions</th>
            <th scope="col">Why</th>
            <th scope="col">Figures</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((d) => (
            <tr key={d.id}>
              <td>{d.created_at.replace('T', ' ').slice(0, 19)} UTC</td>
              <th scope="row" className={`decision ${d.decision}`}>
                {DECISION_LABELS[d.decision] ?? d.decision}
              </th>
              <td>{versions(d)}</td>
              <td>
                <span className="reasons">{d.reasons.join(', ')}</span>
                {d.explanation !== d.reasons.join(', ') && (
                  <>
                    <br />
                    <span className="muted">{d.explanation}</span>
                  </>
                )}
              </td>
              <td>
                {decisionFigures(d.figures).map((line) => (
                  <span key={line} className="figure-line">
                    {line}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
