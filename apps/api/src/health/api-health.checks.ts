import { HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiConfig } from '@predictiondex/config';
import { RedisHealthIndicator } from '@predictiondex/health';
import type Redis from 'ioredis';
import { ServingModelService } from '../model/serving-model.service';
import { PokedexService } from '../pokedex/pokedex.service';

/**
 * Readiness: PostgreSQL and Redis must answer. The model is reported (version, or why none) but only
 * fails readiness when MODEL_REQUIRED_FOR_READINESS=true: by default the api is ready to serve the
 * Pokédex before any model exists (a fresh stack trains its first model after the api is up), and
 * /predict says 503 until then.
 */
export function apiReadinessChecks(
  config: ApiConfig,
  db: TypeOrmHealthIndicator,
  redisIndicator: RedisHealthIndicator,
  redis: Redis,
  indicators: HealthIndicatorService,
  models: ServingModelService,
  pokedex: PokedexService,
): HealthIndicatorFunction[] {
  return [
    () => db.pingCheck('postgres', { timeout: 1000 }),
    () => redisIndicator.ping('redis', redis),
    () => {
      const indicator = indicators.check('model');
      const status = models.status();
      const details: Record<string, unknown> = status.info
        ? { loaded: true, name: status.info.name, version: status.info.version, loadedFrom: status.info.loadedFrom, required: config.MODEL_REQUIRED_FOR_READINESS }
        : { loaded: false, reason: status.lastError ?? 'not loaded yet', required: config.MODEL_REQUIRED_FOR_READINESS };
      return !status.loaded && config.MODEL_REQUIRED_FOR_READINESS ? indicator.down(details) : indicator.up(details);
    },
    () => {
      const snapshot = pokedex.snapshot;
      return indicators.check('pokedex').up({ etlRun: snapshot.etlRunId, pokemon: snapshot.pokemon.length, moves: snapshot.moves.length });
    },
  ];
}
