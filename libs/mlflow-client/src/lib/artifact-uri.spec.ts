import { encodeArtifactPath, joinArtifactPath, mlflowArtifactsPath } from './artifact-uri';

describe('artifact URIs', () => {
  it('extracts the store path of mlflow-artifacts URIs, with or without authority', () => {
    expect(mlflowArtifactsPath('mlflow-artifacts:/1/abc/artifacts')).toBe('1/abc/artifacts');
    expect(mlflowArtifactsPath('mlflow-artifacts://mlflow:5000/1/abc/artifacts/')).toBe('1/abc/artifacts');
    expect(mlflowArtifactsPath('mlflow-artifacts:/')).toBe('');
    expect(mlflowArtifactsPath('s3://bucket/1/abc')).toBeUndefined();
  });

  it('joins and encodes paths segment by segment', () => {
    expect(joinArtifactPath('1/abc/artifacts/', '/model', undefined, '', 'MLmodel')).toBe('1/abc/artifacts/model/MLmodel');
    expect(encodeArtifactPath('a b/c#d/%')).toBe('a%20b/c%23d/%25');
  });
});
