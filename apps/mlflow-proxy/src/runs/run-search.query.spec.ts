import { MlflowError } from '../common/mlflow-error';
import { buildRunSearchQuery } from './run-search.query';

describe('buildRunSearchQuery', () => {
  const base = { experimentIds: ['1'], lifecycleStages: ['active'], orderBy: [] as string[], offset: 0, limit: 11 };

  it('binds every value as a parameter, never into the SQL text', () => {
    const q = buildRunSearchQuery({ ...base, filter: "params.model = 'x''; DROP TABLE mlflow.runs; --' AND metrics.acc > 0.5", orderBy: ['tags.`a b` DESC'] });
    expect(q.text).not.toContain('DROP');
    expect(q.text).not.toContain('a b');
    expect(q.values).toEqual([['1'], ['active'], 'model', "x'; DROP TABLE mlflow.runs; --", 'acc', 0.5, 'a b', 0, 11]);
    expect(q.text).toContain('EXISTS (SELECT 1 FROM mlflow.params x');
    expect(q.text).toContain('ORDER BY (SELECT x.value FROM mlflow.tags x');
    expect(q.text).toMatch(/r\.start_time DESC, r\.run_uuid ASC OFFSET \$8 LIMIT \$9$/);
  });

  it.each([
    "metrics.acc = 'high'",
    'params.model > 3',
    "attributes.nope = 'x'",
    'attributes.start_time = \'yesterday\'',
    "datasets.name = 'x'",
  ])('refuses %p', (filter) => {
    expect(() => buildRunSearchQuery({ ...base, filter })).toThrow(MlflowError);
  });
});
