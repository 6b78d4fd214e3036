import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, UiConfig } from '@predictiondex/config';
import { isMlflowApiError, MlflowClient, MlflowModelVersion } from '@predictiondex/mlflow-client';
import { BffHttpError, UPSTREAM_MESSAGES } from '../common/bff-http-error';
import { EVALUATION_PLOTS, EvaluationPlot, ModelVersionsResponse, ModelVersionSummary } from '../contract/bff-contract';
import { upstreamDuration, upstreamRequests } from '../api-proxy/upstream.metrics';

/** Versions shown on the Model page (most recent first). */
export const MAX_VERSIONS = 50;
/** Largest plot relayed (our pipeline's SVGs are a few KB). */
export const MAX_PLOT_BYTES = 2 * 1024 * 1024;
const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SHOWN_TAGS = ['dataset_version', 'feature_version', 'git_commit', 'etl_run_id', 'dex_fingerprint'];

interface RunFacts {
  metrics: Record<string, number>;
  hasPlots: boolean;
}

export function isEvaluationPlot(file: string): file is EvaluationPlot {
  return (EVALUATION_PLOTS as readonly string[]).includes(file);
}

export function isRunId(runId: string): boolean {
  return RUN_ID.test(runId);
}

/** MLflow writes NaN and infinities as strings: they are left out. */
export function finiteMetrics(metrics: { key: string; value: number | string }[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics ?? []) {
    const v = Number(m.value);
    if (Number.isFinite(v)) out[m.key] = v;
  }
  return out;
}

/**
 * Reads the model registry (mlflow-proxy) for the Model page: the versions of MODEL_NAME with their
 * runs' metrics, and a run's evaluation plots. Finished runs never change, so their facts are kept
 * in memory (bounded); the version list is read each time (aliases move).
 */
@Injectable()
export class ModelRegistryService {
  private readonly logger = new Logger(ModelRegistryService.name);
  private readonly client: MlflowClient;
  private readonly runs = new Map<string, RunFacts>();
  private readonly plots = new Map<string, Buffer>();

  constructor(@InjectConfig() private readonly config: UiConfig) {
    this.client = new MlflowClient({
      trackingUri: config.MLFLOW_TRACKING_URI,
      token: config.MLFLOW_TRACKING_TOKEN,
      retries: 1,
      timeoutMs: config.MLFLOW_TIMEOUT_MS,
      artifactTimeoutMs: config.MLFLOW_TIMEOUT_MS,
      retryDelayMs: 100,
    });
  }

  async versions(): Promise<ModelVersionsResponse> {
    const name = this.config.MODEL_NAME;
    const found = await this.call('search-model-versions', () =>
      this.client.searchModelVersions(`name='${name.replace(/'/g, "\\'")}'`, { maxResults: 200 }),
    );
    const versions = found.modelVersions
      .filter((v) => v.name === name)
      .sort((a, b) => Number(b.version) - Number(a.version))
      .slice(0, MAX_VERSIONS);
    const items: ModelVersionSummary[] = [];
    for (let i = 0; i < versions.length; i += 8) {
      items.push(...(await Promise.all(versions.slice(i, i + 8).map((v) => this.summary(v)))));
    }
    return { model: name, items };
  }

  async plot(runId: string, file: string): Promise<Buffer> {
    if (!isRunId(runId) || !isEvaluationPlot(file)) throw new BffHttpError(404, 'no such plot');
    const key = `${runId}/${file}`;
    const cached = this.plots.get(key);
    if (cached) return cached;
    let data: Buffer;
    try {
      data = await this.call('download-artifact', () => this.client.downloadArtifact(runId, `evaluation/${file}`));
    } catch (e) {
      if (e instanceof BffHttpError && e.getStatus() === 404) throw new BffHttpError(404, `run ${runId} has no ${file}`);
      throw e;
    }
    if (data.length > MAX_PLOT_BYTES) throw new BffHttpError(502, `${file} is larger than ${MAX_PLOT_BYTES} bytes`);
    if (this.plots.size >= 64) this.plots.delete(this.plots.keys().next().value as string);
    this.plots.set(key, data);
    return data;
  }

  private async summary(v: MlflowModelVersion): Promise<ModelVersionSummary> {
    const tags = Object.fromEntries((v.tags ?? []).filter((t) => SHOWN_TAGS.includes(t.key)).map((t) => [t.key, t.value]));
    const facts = v.run_id ? await this.runFacts(v.run_id).catch(() => undefined) : undefined;
    return {
      version: v.version,
      aliases: v.aliases ?? [],
      status: v.status ?? null,
      created_at: v.creation_timestamp ? new Date(v.creation_timestamp).toISOString() : null,
      run_id: v.run_id || null,
      metrics: facts?.metrics ?? {},
      tags,
      has_evaluation_plots: facts?.hasPlots ?? false,
    };
  }

  private async runFacts(runId: string): Promise<RunFacts> {
    const cached = this.runs.get(runId);
    if (cached) return cached;
    const run = await this.call('get-run', () => this.client.getRun(runId));
    const files = await this.call('list-artifacts', () => this.client.listArtifacts(runId, 'evaluation')).catch(() => []);
    const names = new Set(files.map((f) => f.path.split('/').pop()));
    const facts = { metrics: finiteMetrics(run.data.metrics), hasPlots: EVALUATION_PLOTS.every((p) => names.has(p)) };
    if (run.info.status !== 'RUNNING') {
      if (this.runs.size >= 500) this.runs.delete(this.runs.keys().next().value as string);
      this.runs.set(runId, facts);
    }
    return facts;
  }

  /** One registry call, counted; a 404 stays a 404, anything else means the registry is unavailable. */
  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const labels = { upstream: 'mlflow', operation };
    const stop = upstreamDuration.startTimer(labels);
    try {
      const result = await fn();
      upstreamRequests.inc({ ...labels, outcome: 'ok' });
      return result;
    } catch (e) {
      if (isMlflowApiError(e) && e.status === 404) {
        upstreamRequests.inc({ ...labels, outcome: 'client_error' });
        throw new BffHttpError(404, 'not found in the model registry');
      }
      const refused = isMlflowApiError(e) && (e.status === 401 || e.status === 403);
      upstreamRequests.inc({ ...labels, outcome: refused ? 'refused' : isMlflowApiError(e) ? 'server_error' : 'unreachable' });
      this.logger.warn(`mlflow ${operation}: ${(e as Error).message}${refused ? ' (check MLFLOW_TRACKING_TOKEN)' : ''}`);
      throw new BffHttpError(503, UPSTREAM_MESSAGES.registryUnreachable, { 'retry-after': '10' });
    } finally {
      stop();
    }
  }
}
