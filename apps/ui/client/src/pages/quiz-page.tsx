import { useMemo, useState } from 'react';
import type { Affinity } from '@predictiondex/api-client';
import { typeChart } from '../api/queries';
import { ErrorMessage, Loading } from '../components/status';
import { TypeBadge } from '../components/type-badge';
import { nextQuestion, QUIZ_CHOICES, QuizQuestion, QuizScore, quizPool, readBest, scoreAnswer, writeBest } from '../lib/quiz';
import { describeMultiplier, formatMultiplier } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

export default function QuizPage({ random }: { random?: () => number }) {
  useTitle('Type quiz');
  const state = useAsync(typeChart, []);
  return (
    <section aria-labelledby="quiz-title">
      <h1 id="quiz-title">Type quiz</h1>
      <p className="lead">How effective is the attack? Every question is a matchup that is not neutral. Your best streak stays in this browser.</p>
      {state.status === 'loading' && <Loading what="the type chart" />}
      {state.status === 'error' && <ErrorMessage error={state.error} what="the type chart" onRetry={state.reload} />}
      {state.status === 'success' && <Quiz items={state.data} random={random} />}
    </section>
  );
}

export function Quiz({ items, random }: { items: Affinity[]; random?: () => number }) {
  const pool = useMemo(() => quizPool(items), [items]);
  const [question, setQuestion] = useState<QuizQuestion>(() => nextQuestion(pool, undefined, random));
  const [answered, setAnswered] = useState<number | null>(null);
  const [score, setScore] = useState<QuizScore>(() => ({ asked: 0, right: 0, streak: 0, best: readBest() }));
  const answer = (m: number) => {
    if (answered !== null) return;
    setAnswered(m);
    setScore((s) => {
      const next = scoreAnswer(s, m === question.answer);
      if (next.best > s.best) writeBest(next.best);
      return next;
    });
  };
  const next = () => {
    setQuestion(nextQuestion(pool, question, random));
    setAnswered(null);
  };
  const correct = answered === question.answer;
  return (
    <div className="quiz">
      <dl className="scoreboard" aria-label="Score">
        <div>
          <dt>Score</dt>
          <dd data-testid="quiz-score">
            {score.right} / {score.asked}
          </dd>
        </div>
        <div>
          <dt>Streak</dt>
          <dd data-testid="quiz-streak">{score.streak}</dd>
        </div>
        <div>
          <dt>Best streak</dt>
          <dd data-testid="quiz-best">{score.best}</dd>
        </div>
      </dl>
      <h2 className="question" aria-live="polite">
        <TypeBadge name={question.attacking} /> attacks <TypeBadge name={question.defending} />: how effective?
      </h2>
      <p className="visually-hidden" data-testid="quiz-question">
        {question.attacking} attacks {question.defending}
      </p>
      <div className="choices" role="group" aria-label="Answers">
        {QUIZ_CHOICES.map((c) => (
          <button
            key={c.multiplier}
            type="button"
            className={answered === null ? '' : c.multiplier === question.answer ? 'right' : c.multiplier === answered ? 'wrong' : ''}
            disabled={answered !== null}
            onClick={() => answer(c.multiplier)}
          >
            {c.label}
          </button>
        ))}
      </div>
      <div aria-live="assertive">
        {answered !== null && (
          <p className={correct ? 'agree' : 'disagree'} role="status">
            {correct ? 'Right! ' : 'Not quite. '}
            {question.attacking} on {question.defending} is {formatMultiplier(question.answer)}: {describeMultiplier(question.answer)}.
          </p>
        )}
      </div>
      <button type="button" className="primary" onClick={next} disabled={answered === null}>
        Next question
      </button>
    </div>
  );
}
