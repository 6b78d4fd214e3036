import { requiredScope } from './required-scope';

describe('requiredScope', () => {
  it('lets reads and POST searches through with read scope', () => {
    expect(requiredScope('GET', '/api/2.0/mlflow/runs/get')).toBe('read');
    expect(requiredScope('HEAD', '/api/2.0/mlflow-artifacts/artifacts/a')).toBe('read');
    expect(requiredScope('POST', '/api/2.0/mlflow/runs/search')).toBe('read');
    expect(requiredScope('POST', '/ajax-api/2.0/mlflow/experiments/search')).toBe('read');
    expect(requiredScope('POST', '/api/2.0/mlflow/registered-models/get-latest-versions')).toBe('read');
  });

  it('needs write for everything else, including endpoints it does not know', () => {
    for (const [method, path] of [
      ['POST', '/api/2.0/mlflow/runs/log-metric'],
      ['PATCH', '/api/2.0/mlflow/registered-models/update'],
      ['DELETE', '/api/2.0/mlflow/model-versions/delete'],
      ['PUT', '/api/2.0/mlflow-artifacts/artifacts/a'],
      ['POST', '/api/2.0/mlflow/some/new-endpoint'],
      ['POST', '/api/2.0/mlflow/runs/search/../log-metric'],
    ]) {
      expect(requiredScope(method!, path!)).toBe('write');
    }
  });
});
