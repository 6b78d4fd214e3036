import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { counter, gauge } from '@predictiondex/metrics';
import { latestEtlRunId, loadPokedexSnapshot, PokedexSnapshot } from '@predictiondex/prediction';
import { EVENTS, EventBus } from '@predictiondex/queues';
import { settleWithin } from '../common/settle-within';
import { DataSource } from 'typeorm';
import { PokedexViews } from './pokedex-views';

/**
 * Serves the Pokédex from memory. Loaded at start; reloaded when an ETL run completes (the
 * `etl.completed` event) and, as a fallback for a missed event, when a periodic check finds a newer
 * succeeded run. A reload builds a complete new snapshot and swaps one reference, so a request sees
 * either the old Pokédex or the new one, never a mix.
 */
@Injectable()
export class PokedexService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PokedexService.name);
  private current!: PokedexViews;
  private reloading: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private readonly reloads = counter({
    name: 'api_pokedex_reloads_total',
    help: 'Pokédex snapshot loads, by trigger and outcome',
    labelNames: ['trigger', 'outcome'] as const,
  });
  private readonly etlRun = gauge({
    name: 'api_pokedex_etl_run',
    help: 'Id of the ETL run the served Pokédex comes from (0: database not loaded yet)',
  });

  constructor(
    @InjectConfig() private readonly config: ApiConfig,
    private readonly dataSource: DataSource,
    private readonly events: EventBus,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.load('start');
  }

  async onApplicationBootstrap(): Promise<void> {
    const subscription = this.events.subscribe(EVENTS.etlCompleted, (event) => this.reload(`etl.completed (run ${event.etlRunId})`));
    await settleWithin(subscription, 2000, (e) => this.logger.error(`cannot subscribe to ${EVENTS.etlCompleted}: ${(e as Error).message}`));
    if (this.config.POKEDEX_POLL_INTERVAL_MS > 0) {
      this.timer = setInterval(() => void this.checkForNewRun(), this.config.POKEDEX_POLL_INTERVAL_MS);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  get views(): PokedexViews {
    return this.current;
  }

  get snapshot(): PokedexSnapshot {
    return this.current.snapshot;
  }

  /** Reloads now (serialised with any reload in progress); errors are logged, the old snapshot stays. */
  reload(trigger: string): Promise<void> {
    this.reloading = this.reloading.then(() =>
      this.load(trigger).catch((e: unknown) => {
        this.logger.error(`Pokédex reload (${trigger}) failed, still serving ETL run ${this.snapshot.etlRunId}: ${(e as Error).message}`);
      }),
    );
    return this.reloading;
  }

  private async checkForNewRun(): Promise<void> {
    try {
      const latest = await latestEtlRunId(this.dataSource);
      if (latest !== null && latest !== this.snapshot.etlRunId) await this.reload(`poll (run ${latest})`);
    } catch (e) {
      this.logger.warn(`Pokédex check failed: ${(e as Error).message}`);
    }
  }

  private async load(trigger: string): Promise<void> {
    const kind = trigger.split(' ')[0];
    try {
      const snapshot = await loadPokedexSnapshot(this.dataSource);
      this.current = new PokedexViews(snapshot);
      this.etlRun.set(snapshot.etlRunId ?? 0);
      this.reloads.inc({ trigger: kind, outcome: 'ok' });
      const what = snapshot.isEmpty ? 'an empty Pokédex (no ETL run yet)' : `${snapshot.pokemon.length} Pokémon, ${snapshot.moves.length} moves`;
      this.logger.log(`Pokédex loaded (${trigger}): ${what}, ETL run ${snapshot.etlRunId ?? 'none'}`);
    } catch (e) {
      this.reloads.inc({ trigger: kind, outcome: 'failed' });
      throw e;
    }
  }
}
