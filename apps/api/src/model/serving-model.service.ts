import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { counter, gauge } from '@predictiondex/metrics';
import { MlflowClient } from '@predictiondex/mlflow-client';
import { BattleModel, ModelMetadata } from '@predictiondex/model';
import {
  CachedModelRef,
  ModelLease,
  ModelPackageCache,
  ModelSlot,
  NoServingModelError,
  RegistryModelSource,
  ResolvedModelVersion,
} from '@predictiondex/prediction';
import { EVENTS, EventBus } from '@predictiondex/queues';
import { settleWithin } from '../common/settle-within';

export interface ServingModelInfo {
  name: string;
  version: string;
  alias: string;
  runId: string | null;
  source: string | null;
  /** Where this process got it: the registry, or the local cache when the registry was unreachable. */
  loadedFrom: 'registry' | 'cache';
  loadedAt: string;
  metadata: ModelMetadata;
}

export type RefreshOutcome = 'loaded' | 'unchanged' | 'no-model' | 'failed';

export interface ModelStatus {
  loaded: boolean;
  info: ServingModelInfo | null;
  /** Why no model (or not the newest one) is served, when something went wrong. */
  lastError: string | null;
  lastCheckAt: string | null;
}

/**
 * The model lifecycle. At start: resolve `<MODEL_NAME>@<MODEL_ALIAS>` in the registry, download the
 * package into MODEL_CACHE_DIR, load it; registry unreachable -> load the cached package; neither ->
 * serve without a model (reads work, /predict answers 503). Afterwards, a `model.published` event
 * for the alias (or the periodic check, for a missed event) downloads and loads the new version and
 * swaps it in; requests holding the old one finish on it, and it is freed after the last of them.
 */
@Injectable()
export class ServingModelService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ServingModelService.name);
  private readonly slot = new ModelSlot<BattleModel, ServingModelInfo>();
  private readonly cache: ModelPackageCache;
  private readonly registry: RegistryModelSource;
  private queue: Promise<unknown> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private lastError: string | null = null;
  private lastCheckAt: Date | null = null;
  private closed = false;
  private readonly reloads = counter({
    name: 'model_reloads_total',
    help: 'Model load attempts by trigger (start, event, poll, admin) and outcome (loaded, unchanged, no-model, failed)',
    labelNames: ['trigger', 'outcome'] as const,
  });
  private readonly loadedGauge = gauge({
    name: 'model_loaded',
    help: '1 for the model version being served, by name, version and where it was loaded from',
    labelNames: ['name', 'version', 'loaded_from'] as const,
  });

  constructor(
    @InjectConfig() private readonly config: ApiConfig,
    private readonly events: EventBus,
  ) {
    this.cache = new ModelPackageCache(config.MODEL_CACHE_DIR);
    const client = new MlflowClient({
      trackingUri: config.MLFLOW_TRACKING_URI,
      token: config.MLFLOW_TRACKING_TOKEN,
      retries: 1,
      retryDelayMs: 200,
      timeoutMs: config.MLFLOW_TIMEOUT_MS,
      artifactTimeoutMs: Math.max(config.MLFLOW_TIMEOUT_MS, 60_000),
    });
    this.registry = new RegistryModelSource(client, this.cache);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh('start');
    const subscription = this.events.subscribe(EVENTS.modelPublished, (event) => {
      if (event.name === this.config.MODEL_NAME && event.alias === this.config.MODEL_ALIAS) {
        void this.refresh('event');
      }
    });
    await settleWithin(subscription, 2000, (e) => this.logger.error(`cannot subscribe to ${EVENTS.modelPublished}: ${(e as Error).message}`));
    if (this.config.MODEL_POLL_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.refresh('poll'), this.config.MODEL_POLL_INTERVAL_MS);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.queue;
    // Frees the model once the last request using it has finished.
    this.slot.clear();
  }

  /** A lease on the current model, or null when none is loaded. Release it in a `finally`. */
  acquire(): ModelLease<BattleModel, ServingModelInfo> | null {
    return this.slot.acquire();
  }

  get info(): ServingModelInfo | null {
    return this.slot.info;
  }

  status(): ModelStatus {
    return { loaded: this.slot.loaded, info: this.slot.info, lastError: this.lastError, lastCheckAt: this.lastCheckAt?.toISOString() ?? null };
  }

  /** Why /predict cannot answer (503 message), when no model is loaded. */
  unavailableReason(): string {
    return `no model is loaded yet: ${this.lastError ?? `waiting for '${this.config.MODEL_NAME}@${this.config.MODEL_ALIAS}' in the registry`}`;
  }

  /** Checks the registry and loads a new version if the alias moved. Serialised; never throws. */
  refresh(trigger: 'start' | 'event' | 'poll' | 'admin'): Promise<RefreshOutcome> {
    const run = this.queue.then(() => (this.closed ? ('unchanged' as const) : this.refreshNow(trigger)));
    this.queue = run;
    return run;
  }

  private async refreshNow(trigger: string): Promise<RefreshOutcome> {
    const { MODEL_NAME: name, MODEL_ALIAS: alias } = this.config;
    this.lastCheckAt = new Date();
    let outcome: RefreshOutcome;
    try {
      const resolved = await this.registry.resolve(name, alias);
      const current = this.slot.info;
      if (current && current.name === resolved.name && current.version === resolved.version) {
        outcome = 'unchanged';
      } else {
        const { dir, ref } = await this.registry.download(resolved);
        this.install(BattleModel.fromDirectory(dir, { replicas: this.config.MODEL_PREDICT_THREADS }), resolved, 'registry');
        this.cache.writeCurrent(ref);
        this.cache.prune(name, [ref.version, ...(current ? [current.version] : [])]);
        outcome = 'loaded';
      }
      this.lastError = null;
    } catch (e) {
      outcome = this.onRefreshError(trigger, e);
    }
    this.reloads.inc({ trigger, outcome });
    return outcome;
  }

  private onRefreshError(trigger: string, e: unknown): RefreshOutcome {
    const message = (e as Error).message;
    if (e instanceof NoServingModelError) {
      this.lastError = message;
      if (this.slot.loaded) this.logger.warn(`${message}; still serving version ${this.slot.info?.version}`);
      else this.logger.warn(message);
      return 'no-model';
    }
    this.lastError = `the registry at ${this.config.MLFLOW_TRACKING_URI} could not provide the model (${message})`;
    if (trigger === 'start' && !this.slot.loaded) {
      const cached = this.cache.readCurrent(this.config.MODEL_NAME);
      if (cached) return this.loadFromCache(cached, message);
      this.lastError += ', and no model is cached locally';
    }
    this.logger.error(this.slot.loaded ? `${this.lastError}; still serving version ${this.slot.info?.version}` : this.lastError);
    return 'failed';
  }

  private loadFromCache(ref: CachedModelRef, registryError: string): RefreshOutcome {
    try {
      const dir = this.cache.versionDir(ref.name, ref.version);
      this.install(BattleModel.fromDirectory(dir, { replicas: this.config.MODEL_PREDICT_THREADS }), { ...ref, artifactUri: dir }, 'cache');
      this.logger.warn(`registry unreachable (${registryError}); serving cached version ${ref.version} until it answers`);
      return 'loaded';
    } catch (e) {
      this.lastError += `, and the cached version ${ref.version} failed to load (${(e as Error).message})`;
      this.logger.error(this.lastError);
      return 'failed';
    }
  }

  /**
   * The served model's training time, for the ModelStale alert. Created at the first load: a gauge
   * without labels reads 0 until set, which would look like a model trained in 1970.
   */
  private setTrainedAt(trainedAt: string): void {
    const trained = gauge({ name: 'model_trained_timestamp_seconds', help: 'Unix time the served model was trained (its metadata trainedAt)' });
    const seconds = Date.parse(trainedAt) / 1000;
    if (Number.isFinite(seconds)) trained.set(seconds);
    else this.logger.warn(`model metadata has no valid trainedAt (${JSON.stringify(trainedAt)}): model_trained_timestamp_seconds not updated`);
  }

  private install(model: BattleModel, version: ResolvedModelVersion, loadedFrom: 'registry' | 'cache'): void {
    const info: ServingModelInfo = {
      name: version.name,
      version: version.version,
      alias: version.alias,
      runId: version.runId,
      source: version.source,
      loadedFrom,
      loadedAt: new Date().toISOString(),
      metadata: model.metadata,
    };
    const previous = this.slot.swap(model, info);
    this.loadedGauge.reset();
    this.loadedGauge.set({ name: info.name, version: info.version, loaded_from: loadedFrom }, 1);
    this.setTrainedAt(model.metadata.trainedAt);
    this.logger.log(
      previous
        ? `model ${info.name} version ${info.version} loaded from the ${loadedFrom}, replacing version ${previous.version}`
        : `model ${info.name} version ${info.version} loaded from the ${loadedFrom}`,
    );
  }
}
