export const MLFLOW_ARTIFACTS_SCHEME = 'mlflow-artifacts:';

/**
 * The path inside the artifact store of an `mlflow-artifacts:` URI, without leading slash:
 * `mlflow-artifacts:/1/abc/artifacts` and `mlflow-artifacts://host:5000/1/abc/artifacts` both give
 * `1/abc/artifacts`. Returns undefined for any other scheme (s3:, file:, runs:...).
 */
export function mlflowArtifactsPath(uri: string): string | undefined {
  if (!uri.startsWith(MLFLOW_ARTIFACTS_SCHEME)) return undefined;
  let rest = uri.slice(MLFLOW_ARTIFACTS_SCHEME.length);
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    rest = slash === -1 ? '' : rest.slice(slash);
  }
  return rest.replace(/^\/+/, '').replace(/\/+$/, '');
}

/** Joins artifact path parts with single slashes, dropping empty parts. */
export function joinArtifactPath(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
}

/** Percent-encodes each segment of a relative artifact path for use in a URL. */
export function encodeArtifactPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
