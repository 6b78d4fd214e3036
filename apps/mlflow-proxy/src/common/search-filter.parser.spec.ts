import { MlflowError } from './mlflow-error';
import { parseSearchFilter } from './search-filter.parser';

describe('parseSearchFilter', () => {
  it('reads the subset of MLflow filters runs/search takes', () => {
    expect(parseSearchFilter("metrics.acc > 0.9 AND params.model = 'xgb' and tags.team = \"a\" AND attributes.status = 'FINISHED'")).toEqual([
      { entity: 'metric', key: 'acc', comparator: '>', value: 0.9 },
      { entity: 'param', key: 'model', comparator: '=', value: 'xgb' },
      { entity: 'tag', key: 'team', comparator: '=', value: 'a' },
      { entity: 'attribute', key: 'status', comparator: '=', value: 'FINISHED' },
    ]);
  });

  it('handles quoted keys, dotted keys, aliases, IN lists, LIKE and escapes', () => {
    expect(parseSearchFilter('metrics.`val loss` <= -1.5e-3')).toEqual([{ entity: 'metric', key: 'val loss', comparator: '<=', value: -0.0015 }]);
    expect(parseSearchFilter('params."model class" != \'it\'\'s\'')).toEqual([{ entity: 'param', key: 'model class', comparator: '!=', value: "it's" }]);
    expect(parseSearchFilter("tags.mlflow.runName LIKE 'r%'")).toEqual([{ entity: 'tag', key: 'mlflow.runName', comparator: 'LIKE', value: 'r%' }]);
    expect(parseSearchFilter("metric.x <> 1 AND parameter.y ILIKE 'A%' AND run.run_id IN ('a', 'b')")).toEqual([
      { entity: 'metric', key: 'x', comparator: '!=', value: 1 },
      { entity: 'param', key: 'y', comparator: 'ILIKE', value: 'A%' },
      { entity: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] },
    ]);
    expect(parseSearchFilter("name NOT IN ('x')")).toEqual([{ entity: 'attribute', key: 'name', comparator: 'NOT IN', value: ['x'] }]);
    expect(parseSearchFilter('')).toEqual([]);
    expect(parseSearchFilter(undefined)).toEqual([]);
  });

  it.each([
    "metrics.acc > 0.9 OR params.x = 'y'",
    'metrics.acc >',
    "metrics.acc 'x'",
    "unknown.key = 'x'",
    "params.x = 'unterminated",
    'params.x IN (1, 2)',
    "params.x IN ('a' 'b')",
    "metrics. = 1",
    "= 'x'",
  ])('refuses %p with INVALID_PARAMETER_VALUE', (filter) => {
    expect(() => parseSearchFilter(filter)).toThrow(MlflowError);
    try {
      parseSearchFilter(filter);
    } catch (e) {
      expect((e as MlflowError).errorCode).toBe('INVALID_PARAMETER_VALUE');
    }
  });
});
