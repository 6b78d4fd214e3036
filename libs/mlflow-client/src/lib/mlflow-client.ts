import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { encodeArtifactPath, joinArtifactPath, mlflowArtifactsPath } from './artifact-uri';
import { MlflowApiError, isMlflowApiError } from './mlflow-api-error';
import { MAX_ENTITIES_PER_BATCH, MAX_METRICS_PER_BATCH, MAX_PARAMS_TAGS_PER_BATCH } from './mlflow-limits.constants';
import {
  MlflowExperiment,
  MlflowFileInfo,
  MlflowKeyValue,
  MlflowMetric,
  MlflowModelVersion,
  MlflowRegisteredModel,
  MlflowRun,
  MlflowRunInfo,
  MlflowRunStatus,
  MlflowViewType,
} from './mlflow-types';
import { parseModelsUri } from './models-uri';
import { RetryPolicy, withRetries } from './retry-policy';

export interface MlflowClientOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:5000 (what MLFLOW_TRACKING_URI holds). */
  trackingUri: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Retries after the first attempt, on 5xx and network errors only. Default 3. */
  retries?: number;
  /** Per-attempt timeout of JSON calls. Default 30 s. */
  timeoutMs?: number;
  /** Per-attempt timeout of artifact transfers. Default 10 min. */
  artifactTimeoutMs?: number;
  /** First backoff delay; doubles per attempt up to maxRetryDelayMs. Default 200 ms. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

export interface MetricInput {
  key: string;
  value: number;
  /** Milliseconds since the epoch; now when omitted. */
  timestamp?: number;
  step?: number;
}

export type KeyValues = Record<string, string | number | boolean> | MlflowKeyValue[];

export interface LogBatchInput {
  metrics?: MetricInput[];
  params?: KeyValues;
  tags?: KeyValues;
}

export interface SearchRunsInput {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
  viewType?: MlflowViewType;
}

export interface ResolvedModel {
  name: string;
  version: string;
  runId?: string;
  /** The source the version was registered with (`runs:/...`, `mlflow-artifacts:/...`). */
  source?: string;
  /** Where its files are: the source resolved by the server (get-download-uri). */
  artifactUri: string;
  modelVersion: MlflowModelVersion;
}

/** Where an artifact call points: a run id, or an `mlflow-artifacts:` URI (a run's artifact_uri, a model's). */
export type ArtifactTarget = string;

type Query = Record<string, string | number | boolean | string[] | undefined>;

const API = '/api/2.0/mlflow';
const ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts';

function toKeyValues(input: KeyValues | undefined): MlflowKeyValue[] {
  if (!input) return [];
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([key, value]) => ({ key, value: String(value) }));
}

/**
 * Typed client for the MLflow REST API 2.0 (tracking, registry, mlflow-artifacts), for
 * apps/mlflow-proxy or a real MLflow server. Retries 5xx and network failures with exponential
 * backoff; never retries a 4xx. Streamed uploads are sent once (a stream cannot be replayed).
 */
export class MlflowClient {
  private readonly baseUrl: string;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly artifactTimeoutMs: number;
  private readonly artifactRoots = new Map<string, string>();

  constructor(private readonly options: MlflowClientOptions) {
    this.baseUrl = options.trackingUri.replace(/\/+$/, '');
    this.policy = { retries: options.retries ?? 3, baseDelayMs: options.retryDelayMs ?? 200, maxDelayMs: options.maxRetryDelayMs ?? 5000 };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.artifactTimeoutMs = options.artifactTimeoutMs ?? 600_000;
  }

  // ---------------------------------------------------------------- plumbing

  /** One MLflow API call (`path` relative to /api/2.0/mlflow): GET/DELETE-less queries go in the query string. */
  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Query | object): Promise<T> {
    const isGet = method === 'GET';
    const url = `${this.baseUrl}${API}${path}${isGet ? this.queryString(payload as Query | undefined) : ''}`;
    return withRetries(this.policy, async () => {
      const res = await fetch(url, {
        method,
        headers: this.headers(isGet ? {} : { 'content-type': 'application/json' }),
        body: isGet ? undefined : JSON.stringify(payload ?? {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) throw await MlflowApiError.fromResponse(res, method, path);
      const text = await res.text();
      return (text ? JSON.parse(text) : {}) as T;
    });
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.options.token ? { ...extra, authorization: `Bearer ${this.options.token}` } : extra;
  }

  private queryString(query: Query | undefined): string {
    if (!query) return '';
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
    }
    const s = params.toString();
    return s ? `?${s}` : '';
  }

  // ---------------------------------------------------------------- experiments

  async getExperimentByName(name: string): Promise<MlflowExperiment | undefined> {
    try {
      const res = await this.request<{ experiment: MlflowExperiment }>('GET', '/experiments/get-by-name', { experiment_name: name });
      return res.experiment;
    } catch (e) {
      if (isMlflowApiError(e, 'RESOURCE_DOES_NOT_EXIST')) return undefined;
      throw e;
    }
  }

  async getExperiment(experimentId: string): Promise<MlflowExperiment> {
    return (await this.request<{ experiment: MlflowExperiment }>('GET', '/experiments/get', { experiment_id: experimentId })).experiment;
  }

  async createExperiment(name: string, tags?: KeyValues): Promise<string> {
    const res = await this.request<{ experiment_id: string }>('POST', '/experiments/create', { name, tags: toKeyValues(tags) });
    return res.experiment_id;
  }

  /** The id of the active experiment called `name`, created when missing (safe when two callers race). */
  async getOrCreateExperiment(name: string): Promise<string> {
    const found = await this.getExperimentByName(name);
    if (found) {
      if (found.lifecycle_stage === 'deleted') {
        throw new MlflowApiError(400, 'INVALID_STATE', `Experiment '${name}' is deleted; restore it or use another name`, 'GET', '/experiments/get-by-name');
      }
      return found.experiment_id;
    }
    try {
      return await this.createExperiment(name);
    } catch (e) {
      if (!isMlflowApiError(e, 'RESOURCE_ALREADY_EXISTS')) throw e;
      const winner = await this.getExperimentByName(name);
      if (!winner) throw e;
      return winner.experiment_id;
    }
  }

  // ---------------------------------------------------------------- runs

  async createRun(experimentId: string, options: { runName?: string; tags?: KeyValues; startTime?: number } = {}): Promise<MlflowRun> {
    const res = await this.request<{ run: MlflowRun }>('POST', '/runs/create', {
      experiment_id: experimentId,
      run_name: options.runName,
      start_time: options.startTime ?? Date.now(),
      tags: toKeyValues(options.tags),
    });
    return res.run;
  }

  async getRun(runId: string): Promise<MlflowRun> {
    return (await this.request<{ run: MlflowRun }>('GET', '/runs/get', { run_id: runId })).run;
  }

  async updateRun(runId: string, status: MlflowRunStatus, endTime?: number): Promise<MlflowRunInfo> {
    const terminal = status !== 'RUNNING' && status !== 'SCHEDULED';
    const res = await this.request<{ run_info: MlflowRunInfo }>('POST', '/runs/update', {
      run_id: runId,
      status,
      end_time: endTime ?? (terminal ? Date.now() : undefined),
    });
    return res.run_info;
  }

  async deleteRun(runId: string): Promise<void> {
    await this.request('POST', '/runs/delete', { run_id: runId });
  }

  async logMetric(runId: string, key: string, value: number, options: { step?: number; timestamp?: number } = {}): Promise<void> {
    await this.request('POST', '/runs/log-metric', { run_id: runId, key, value, timestamp: options.timestamp ?? Date.now(), step: options.step ?? 0 });
  }

  async logParam(runId: string, key: string, value: string | number | boolean): Promise<void> {
    await this.request('POST', '/runs/log-parameter', { run_id: runId, key, value: String(value) });
  }

  async setTag(runId: string, key: string, value: string): Promise<void> {
    await this.request('POST', '/runs/set-tag', { run_id: runId, key, value });
  }

  /**
   * Logs any number of metrics, params and tags, split into requests that respect MLflow's limits
   * (1000 metrics, 100 params, 100 tags, 1000 entities per request). Retrying a chunk is safe:
   * an identical metric is stored once, an identical param is accepted again, tags overwrite.
   */
  async logBatch(runId: string, input: LogBatchInput): Promise<void> {
    const now = Date.now();
    const metrics: MlflowMetric[] = (input.metrics ?? []).map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp ?? now, step: m.step ?? 0 }));
    const params = toKeyValues(input.params);
    const tags = toKeyValues(input.tags);
    while (metrics.length || params.length || tags.length) {
      const p = params.splice(0, MAX_PARAMS_TAGS_PER_BATCH);
      const t = tags.splice(0, MAX_PARAMS_TAGS_PER_BATCH);
      const m = metrics.splice(0, Math.min(MAX_METRICS_PER_BATCH, MAX_ENTITIES_PER_BATCH - p.length - t.length));
      await this.request('POST', '/runs/log-batch', { run_id: runId, metrics: m, params: p, tags: t });
    }
  }

  async getMetricHistory(runId: string, key: string): Promise<MlflowMetric[]> {
    const out: MlflowMetric[] = [];
    let pageToken: string | undefined;
    do {
      const res = await this.request<{ metrics?: MlflowMetric[]; next_page_token?: string }>('GET', '/metrics/get-history', {
        run_id: runId,
        metric_key: key,
        page_token: pageToken,
      });
      out.push(...(res.metrics ?? []));
      pageToken = res.next_page_token || undefined;
    } while (pageToken);
    return out;
  }

  async searchRuns(input: SearchRunsInput): Promise<{ runs: MlflowRun[]; nextPageToken?: string }> {
    const res = await this.request<{ runs?: MlflowRun[]; next_page_token?: string }>('POST', '/runs/search', {
      experiment_ids: input.experimentIds,
      filter: input.filter,
      order_by: input.orderBy,
      max_results: input.maxResults,
      page_token: input.pageToken,
      run_view_type: input.viewType,
    });
    return { runs: res.runs ?? [], nextPageToken: res.next_page_token || undefined };
  }

  // ---------------------------------------------------------------- artifacts

  /** The store path behind a run id or an `mlflow-artifacts:` URI. */
  private async artifactBase(target: ArtifactTarget): Promise<string> {
    const direct = mlflowArtifactsPath(target);
    if (direct !== undefined) return direct;
    const cached = this.artifactRoots.get(target);
    if (cached !== undefined) return cached;
    const run = await this.getRun(target);
    const uri = run.info.artifact_uri ?? '';
    const base = mlflowArtifactsPath(uri);
    if (base === undefined) {
      throw new Error(`Run ${target} stores artifacts at ${uri || '(none)'}; only mlflow-artifacts: URIs are served through the tracking server`);
    }
    this.artifactRoots.set(target, base);
    return base;
  }

  private async artifactUrl(target: ArtifactTarget, path: string): Promise<string> {
    const full = joinArtifactPath(await this.artifactBase(target), path);
    return `${this.baseUrl}${ARTIFACTS_API}/${encodeArtifactPath(full)}`;
  }

  /** Uploads one file. A Buffer is retried on 5xx; a stream is sent once. */
  async uploadArtifact(target: ArtifactTarget, path: string, data: Buffer | Uint8Array | Readable): Promise<void> {
    if (!path || path.endsWith('/')) throw new Error(`Artifact path must name a file, got '${path}'`);
    const url = await this.artifactUrl(target, path);
    const send = async (): Promise<void> => {
      const isStream = data instanceof Readable;
      const res = await fetch(url, {
        method: 'PUT',
        headers: this.headers({ 'content-type': 'application/octet-stream' }),
        // fetch streams an async iterable body when told the request is half-duplex.
        body: data as unknown as RequestInit['body'],
        ...(isStream ? { duplex: 'half' } : {}),
        signal: AbortSignal.timeout(this.artifactTimeoutMs),
      } as RequestInit);
      if (!res.ok) throw await MlflowApiError.fromResponse(res, 'PUT', new URL(url).pathname);
      await res.arrayBuffer();
    };
    if (data instanceof Readable) return send();
    return withRetries(this.policy, send);
  }

  private async fetchArtifact(target: ArtifactTarget, path: string): Promise<Response> {
    const url = await this.artifactUrl(target, path);
    return withRetries(this.policy, async () => {
      const res = await fetch(url, { headers: this.headers({}), signal: AbortSignal.timeout(this.artifactTimeoutMs) });
      if (!res.ok) throw await MlflowApiError.fromResponse(res, 'GET', new URL(url).pathname);
      return res;
    });
  }

  async downloadArtifact(target: ArtifactTarget, path: string): Promise<Buffer> {
    const res = await this.fetchArtifact(target, path);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Streams an artifact to `destination` (written to a temp file, then renamed: never half a file). */
  async downloadArtifactToFile(target: ArtifactTarget, path: string, destination: string): Promise<void> {
    const res = await this.fetchArtifact(target, path);
    if (!res.body) throw new Error(`Empty body downloading ${path}`);
    const temp = `${destination}.${process.pid}.${Date.now()}.partial`;
    try {
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>), createWriteStream(temp));
      await rename(temp, destination);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  /** Lists one directory level of a run's artifacts; paths are relative to the run's artifact root. */
  async listArtifacts(runId: string, path?: string): Promise<MlflowFileInfo[]> {
    const out: MlflowFileInfo[] = [];
    let pageToken: string | undefined;
    do {
      const res = await this.request<{ files?: MlflowFileInfo[]; next_page_token?: string }>('GET', '/artifacts/list', {
        run_id: runId,
        path,
        page_token: pageToken,
      });
      out.push(...(res.files ?? []));
      pageToken = res.next_page_token || undefined;
    } while (pageToken);
    return out;
  }

  // ---------------------------------------------------------------- registry

  /** Creates the registered model, or does nothing when it already exists. */
  async createRegisteredModel(name: string, options: { description?: string; tags?: KeyValues } = {}): Promise<void> {
    try {
      await this.request('POST', '/registered-models/create', { name, description: options.description, tags: toKeyValues(options.tags) });
    } catch (e) {
      if (!isMlflowApiError(e, 'RESOURCE_ALREADY_EXISTS')) throw e;
    }
  }

  async getRegisteredModel(name: string): Promise<MlflowRegisteredModel> {
    return (await this.request<{ registered_model: MlflowRegisteredModel }>('GET', '/registered-models/get', { name })).registered_model;
  }

  async createModelVersion(name: string, source: string, runId?: string, tags?: KeyValues, description?: string): Promise<MlflowModelVersion> {
    const res = await this.request<{ model_version: MlflowModelVersion }>('POST', '/model-versions/create', {
      name,
      source,
      run_id: runId,
      tags: toKeyValues(tags),
      description,
    });
    return res.model_version;
  }

  async getModelVersion(name: string, version: string | number): Promise<MlflowModelVersion> {
    const res = await this.request<{ model_version: MlflowModelVersion }>('GET', '/model-versions/get', { name, version: String(version) });
    return res.model_version;
  }

  async searchModelVersions(
    filter?: string,
    options: { maxResults?: number; orderBy?: string[]; pageToken?: string } = {},
  ): Promise<{ modelVersions: MlflowModelVersion[]; nextPageToken?: string }> {
    const res = await this.request<{ model_versions?: MlflowModelVersion[]; next_page_token?: string }>('GET', '/model-versions/search', {
      filter,
      max_results: options.maxResults,
      order_by: options.orderBy,
      page_token: options.pageToken,
    });
    return { modelVersions: res.model_versions ?? [], nextPageToken: res.next_page_token || undefined };
  }

  async transitionModelVersionStage(name: string, version: string | number, stage: string, archiveExistingVersions = false): Promise<MlflowModelVersion> {
    const res = await this.request<{ model_version: MlflowModelVersion }>('POST', '/model-versions/transition-stage', {
      name,
      version: String(version),
      stage,
      archive_existing_versions: archiveExistingVersions,
    });
    return res.model_version;
  }

  async getModelVersionDownloadUri(name: string, version: string | number): Promise<string> {
    const res = await this.request<{ artifact_uri: string }>('GET', '/model-versions/get-download-uri', { name, version: String(version) });
    return res.artifact_uri;
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string | number): Promise<void> {
    await this.request('POST', '/registered-models/alias', { name, alias, version: String(version) });
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    await this.request('DELETE', '/registered-models/alias', { name, alias });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<MlflowModelVersion> {
    const res = await this.request<{ model_version: MlflowModelVersion }>('GET', '/registered-models/alias', { name, alias });
    return res.model_version;
  }

  /** `models:/name@alias` or `models:/name/3` -> the version, its run, and where its files are. */
  async resolveModelUri(uri: string): Promise<ResolvedModel> {
    const parsed = parseModelsUri(uri);
    const mv = parsed.alias !== undefined ? await this.getModelVersionByAlias(parsed.name, parsed.alias) : await this.getModelVersion(parsed.name, parsed.version);
    const artifactUri = await this.getModelVersionDownloadUri(mv.name, mv.version);
    return { name: mv.name, version: mv.version, runId: mv.run_id || undefined, source: mv.source, artifactUri, modelVersion: mv };
  }
}
