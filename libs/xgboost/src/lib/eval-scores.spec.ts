import { appendToHistory, EvalHistory, parseEvalScores } from './eval-scores';
import { isMaximizedMetric } from './metric-direction';

describe('parseEvalScores', () => {
  it('splits datasets and metrics even when both contain dashes', () => {
    const text = '[12]\ttrain-auc:0.99\ttrain-error@0.6:0.125\tvalid-set-ndcg@5-:0.5\tvalid-set-logloss:inf';
    expect(parseEvalScores(text, ['train', 'valid-set'])).toEqual({
      train: { auc: 0.99, 'error@0.6': 0.125 },
      'valid-set': { 'ndcg@5-': 0.5, logloss: Number.POSITIVE_INFINITY },
    });
  });

  it('prefers the longest matching dataset name', () => {
    expect(parseEvalScores('[0]\tvalid-auc:0.5\tvalid-2-auc:0.7', ['valid', 'valid-2'])).toEqual({
      valid: { auc: 0.5 },
      'valid-2': { auc: 0.7 },
    });
  });

  it('keeps NaN scores and rejects unknown datasets', () => {
    expect(parseEvalScores('[0]\ta-rmse:nan', ['a']).a.rmse).toBeNaN();
    expect(() => parseEvalScores('[0]\tother-rmse:1', ['a'])).toThrow('Unexpected token');
  });

  it('accumulates rounds into a history', () => {
    const history: EvalHistory = {};
    appendToHistory(history, { valid: { auc: 0.5 } });
    appendToHistory(history, { valid: { auc: 0.6 } });
    expect(history).toEqual({ valid: { auc: [0.5, 0.6] } });
  });
});

describe('isMaximizedMetric', () => {
  it.each([
    ['auc', true],
    ['aucpr', true],
    ['ndcg@5-', true],
    ['map@3', true],
    ['logloss', false],
    ['mape', false],
    ['error@0.7', false],
  ])('%s -> %s', (metric, expected) => expect(isMaximizedMetric(metric)).toBe(expected));
});
