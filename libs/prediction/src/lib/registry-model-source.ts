import { isMlflowApiError, MlflowClient } from '@predictiondex/mlflow-client';
import { CachedModelRef, ModelPackageCache } from './model-package-cache';

/** The version an alias points at, and where its package's files are. */
export interface ResolvedModelVersion {
  name: string;
  version: string;
  alias: string;
  runId: string | null;
  source: string | null;
  /** `mlflow-artifacts:` URI of the package folder (the version's source, resolved by the server). */
  artifactUri: string;
}

/** The registry has no such model or alias: nothing to serve (not an outage, so no cache fallback). */
export class NoServingModelError extends Error {
  constructor(name: string, alias: string, detail: string) {
    super(`no version of '${name}' carries the alias '${alias}' in the registry (${detail})`);
    this.name = 'NoServingModelError';
  }
}

/**
 * Reads the serving model from an MLflow registry (mlflow-proxy): resolves `models:/<name>@<alias>`,
 * downloads the version's package into the local cache. Any error other than "no such model/alias"
 * means the registry is unreachable or broken, and callers fall back to the cache.
 */
export class RegistryModelSource {
  constructor(
    private readonly client: MlflowClient,
    private readonly cache: ModelPackageCache,
  ) {}

  async resolve(name: string, alias: string): Promise<ResolvedModelVersion> {
    try {
      const resolved = await this.client.resolveModelUri(`models:/${name}@${alias}`);
      return {
        name,
        version: resolved.version,
        alias,
        runId: resolved.runId ?? null,
        source: resolved.source ?? null,
        artifactUri: resolved.artifactUri,
      };
    } catch (e) {
      if (isMlflowApiError(e, 'RESOURCE_DOES_NOT_EXIST')) throw new NoServingModelError(name, alias, (e as Error).message);
      throw e;
    }
  }

  /** Downloads the package (once per version) and returns its folder and cache record. */
  async download(version: ResolvedModelVersion): Promise<{ dir: string; ref: CachedModelRef }> {
    const dir = await this.cache.store(version.name, version.version, (file) => this.client.downloadArtifact(version.artifactUri, file));
    const ref: CachedModelRef = {
      name: version.name,
      version: version.version,
      alias: version.alias,
      runId: version.runId,
      source: version.source,
      downloadedAt: new Date().toISOString(),
    };
    return { dir, ref };
  }
}
