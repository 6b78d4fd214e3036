import type { Affinity } from '@predictiondex/api-client';

export interface QuizQuestion {
  attacking: string;
  defending: string;
  answer: number;
}

export const QUIZ_CHOICES = [
  { multiplier: 2, label: 'Super effective (2×)' },
  { multiplier: 1, label: 'Neutral (1×)' },
  { multiplier: 0.5, label: 'Not very effective (½×)' },
  { multiplier: 0, label: 'No effect (0×)' },
] as const;

/** The chart's single-type matchups that are not neutral: the quiz asks only these. */
export function quizPool(items: Affinity[]): QuizQuestion[] {
  return items
    .filter((a) => a.defending.length === 1 && a.multiplier !== 1)
    .map((a) => ({ attacking: a.attacking.name, defending: a.defending[0].name, answer: a.multiplier }));
}

/** A random question, never the same as the previous one. */
export function nextQuestion(pool: QuizQuestion[], previous: QuizQuestion | undefined, random: () => number = Math.random): QuizQuestion {
  if (pool.length === 0) throw new Error('the type chart has no non-neutral matchup');
  for (let i = 0; i < 10; i++) {
    const q = pool[Math.floor(random() * pool.length) % pool.length];
    if (!previous || pool.length === 1 || q.attacking !== previous.attacking || q.defending !== previous.defending) return q;
  }
  return pool[0];
}

export interface QuizScore {
  asked: number;
  right: number;
  streak: number;
  best: number;
}

export function scoreAnswer(score: QuizScore, correct: boolean): QuizScore {
  const streak = correct ? score.streak + 1 : 0;
  return { asked: score.asked + 1, right: score.right + (correct ? 1 : 0), streak, best: Math.max(score.best, streak) };
}

/** The best streak is kept in this browser only (localStorage), never sent anywhere. */
export const BEST_KEY = 'predictiondex.quiz.best-streak';

export function readBest(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): number {
  try {
    const v = Number(storage?.getItem(BEST_KEY));
    return Number.isInteger(v) && v > 0 ? v : 0;
  } catch {
    return 0;
  }
}

export function writeBest(best: number, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(BEST_KEY, String(best));
  } catch {
    // Storage full or disabled (private mode): the best streak lives for this page only.
  }
}
