import { useState } from 'react';
import type { BestMoveResponse, FeedbackResponse, Pokemon } from '@predictiondex/api-client';
import { BffRequestError } from '../api/bff-client';
import { reportOutcome } from '../api/queries';
import { ErrorMessage } from './status';

type Winner = 'A' | 'B';
type Report = { status: 'idle' } | { status: 'sending'; winner: Winner } | { status: 'done'; data: FeedbackResponse } | { status: 'conflict'; recorded: string } | { status: 'error'; error: Error; winner: Winner };

/** The outcome on record, from a 409's details (`already recorded as 'A'`). */
export function recordedWinnerOf(error: BffRequestError): string {
  const text = [...(error.details ?? []).map((d) => d.message), error.message].join(' ');
  return /already recorded as '([^']+)'/.exec(text)?.[1] ?? 'another outcome';
}

/**
 * After a prediction: the user says who really won when A used the recommended move and B replied
 * as predicted. Once recorded the outcome is final: the same answer again is acknowledged, another
 * one is refused by the api (409), and that is said plainly.
 */
export function OutcomeReport({ result, a, b }: { result: BestMoveResponse; a: Pokemon; b: Pokemon }) {
  const [report, setReport] = useState<Report>({ status: 'idle' });
  const names: Record<string, string> = { A: a.name, B: b.name };
  const label = (w: string) => (names[w] ? `${w} won (${names[w]})` : w);
  const send = async (winner: Winner) => {
    setReport({ status: 'sending', winner });
    try {
      setReport({ status: 'done', data: await reportOutcome(result.prediction_id, winner) });
    } catch (e) {
      if (e instanceof BffRequestError && e.status === 409) setReport({ status: 'conflict', recorded: recordedWinnerOf(e) });
      else setReport({ status: 'error', error: e as Error, winner });
    }
  };
  const onRecord = report.status === 'done' ? report.data.actual_winner : report.status === 'conflict' ? report.recorded : undefined;
  return (
    <section className="outcome-report card" aria-labelledby="outcome-title">
      <h3 id="outcome-title">Report the real outcome</h3>
      <p id="outcome-question">
        Played it? {a.name} used {result.recommended_move}, {b.name} replied {result.pokemon_b_move.name}. Who won? Your answer helps the model learn (it is
        recorded once).
      </p>
      <div className="inline-form" role="group" aria-labelledby="outcome-title" aria-describedby="outcome-question">
        {(['A', 'B'] as const).map((w) => (
          <button key={w} type="button" aria-pressed={onRecord === w} disabled={report.status === 'sending'} onClick={() => void send(w)}>
            {w} won
          </button>
        ))}
      </div>
      <div aria-live="polite">
        {report.status === 'sending' && <p className="muted">Recording that {label(report.winner)}…</p>}
        {report.status === 'done' && (
          <p className="confirmation" role="status">
            {report.data.status === 'recorded' ? 'Thanks: recorded that ' : 'Already recorded: '}
            {label(report.data.actual_winner)}.{' '}
            {report.data.model_was_right ? 'The model called it right.' : `The model had predicted ${label(report.data.predicted_winner)}: this outcome will count against it.`}
          </p>
        )}
        {report.status === 'conflict' && (
          <p className="error-box" role="alert">
            Not recorded: the outcome of this prediction is already recorded as {label(report.recorded)}, and a recorded outcome cannot be changed.
          </p>
        )}
        {report.status === 'error' &&
          (report.error instanceof BffRequestError && report.error.isOutage ? (
            <ErrorMessage error={report.error} what="your answer" onRetry={() => void send(report.winner)} />
          ) : (
            <div className="error-box" role="alert">
              <p>
                <strong>Not recorded:</strong> {report.error.message}
              </p>
              <button type="button" onClick={() => void send(report.winner)}>
                Retry
              </button>
            </div>
          ))}
      </div>
    </section>
  );
}
