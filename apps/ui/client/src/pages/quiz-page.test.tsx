import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BEST_KEY, nextQuestion, QUIZ_CHOICES, quizPool, readBest, scoreAnswer } from '../lib/quiz';
import { fakeBff } from '../test/fake-bff';
import { AFFINITIES, CHART_CELLS } from '../test/fixtures';
import { renderAt } from '../test/render';
import QuizPage from './quiz-page';

/** The choice button for a multiplier. */
const choice = (m: number) => screen.getByRole('button', { name: QUIZ_CHOICES.find((c) => c.multiplier === m)!.label });

function currentAnswer(): number {
  const [attacking, defending] = screen.getByTestId('quiz-question').textContent!.split(' attacks ');
  return CHART_CELLS[`${attacking}>${defending}`];
}

describe('quiz logic', () => {
  it('asks only non-neutral matchups, never twice in a row', () => {
    const pool = quizPool(AFFINITIES);
    expect(pool).toHaveLength(Object.keys(CHART_CELLS).length);
    expect(pool.every((q) => q.answer !== 1)).toBe(true);
    let previous = nextQuestion(pool, undefined, () => 0);
    for (let i = 0; i < 20; i++) {
      const q = nextQuestion(pool, previous, Math.random);
      expect(q === previous).toBe(false);
      previous = q;
    }
  });

  it('counts the score, the streak and the best streak', () => {
    let s = { asked: 0, right: 0, streak: 0, best: 1 };
    s = scoreAnswer(s, true);
    s = scoreAnswer(s, true);
    expect(s).toEqual({ asked: 2, right: 2, streak: 2, best: 2 });
    s = scoreAnswer(s, false);
    expect(s).toEqual({ asked: 3, right: 2, streak: 0, best: 2 });
  });

  it('reads a missing or corrupt best score as 0', () => {
    expect(readBest({ getItem: () => null })).toBe(0);
    expect(readBest({ getItem: () => 'lots' })).toBe(0);
    expect(readBest({ getItem: () => { throw new Error('denied'); } })).toBe(0);
  });
});

describe('Type quiz page', () => {
  it('counts a right answer, resets the streak on a wrong one, and keeps the best streak in the browser', async () => {
    fakeBff();
    localStorage.setItem(BEST_KEY, '1');
    renderAt('/quiz', <QuizPage random={Math.random} />);
    await screen.findByTestId('quiz-question');
    expect(screen.getByTestId('quiz-best').textContent).toBe('1');

    for (let i = 0; i < 2; i++) {
      fireEvent.click(choice(currentAnswer()));
      expect(screen.getByRole('status').textContent).toMatch(/^Right!/);
      fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
    }
    expect(screen.getByTestId('quiz-score').textContent).toBe('2 / 2');
    expect(screen.getByTestId('quiz-streak').textContent).toBe('2');
    expect(screen.getByTestId('quiz-best').textContent).toBe('2');
    expect(localStorage.getItem(BEST_KEY)).toBe('2');

    const wrong = currentAnswer() === 1 ? 2 : 1;
    fireEvent.click(choice(wrong));
    expect(screen.getByRole('status').textContent).toMatch(/^Not quite\./);
    expect((choice(wrong) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('quiz-score').textContent).toBe('2 / 3');
    expect(screen.getByTestId('quiz-streak').textContent).toBe('0');
    expect(screen.getByTestId('quiz-best').textContent).toBe('2');
  });
});
