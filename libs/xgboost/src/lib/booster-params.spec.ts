import { boosterParamEntries } from './booster-params';

describe('boosterParamEntries', () => {
  it('sends each eval_metric separately, skips n_estimators and formats values', () => {
    expect(
      boosterParamEntries({
        objective: 'binary:logistic',
        eval_metric: ['logloss', 'auc'],
        n_estimators: 100,
        eta: 0.1,
        max_depth: 6,
        tree_method: 'hist',
        disable_default_eval_metric: true,
        seed: undefined,
        extra: { max_cat_threshold: 16 },
      }),
    ).toEqual([
      ['objective', 'binary:logistic'],
      ['eval_metric', 'logloss'],
      ['eval_metric', 'auc'],
      ['eta', '0.1'],
      ['max_depth', '6'],
      ['tree_method', 'hist'],
      ['disable_default_eval_metric', '1'],
      ['max_cat_threshold', '16'],
    ]);
  });

  it('rejects non-finite numbers', () => {
    expect(() => boosterParamEntries({ eta: Number.NaN })).toThrow('finite');
  });
});
