import { Injectable } from '@nestjs/common';
import { FEATURE_COUNT, FEATURE_VERSION } from '@predictiondex/battle';
import { BattleModel } from '@predictiondex/model';
import {
  buildMatchupRows,
  DexMove,
  DexPokemon,
  featureRow,
  FeatureRowCache,
  FeatureScratch,
  MoveScore,
  PokedexSnapshot,
  PredictionBatcher,
  rankMoves,
  scoreBestMove,
} from '@predictiondex/prediction';
import { randomInt, randomUUID } from 'node:crypto';
import { ApiError, FieldProblem } from '../common/api-error';
import { ServingModelService, ServingModelInfo } from '../model/serving-model.service';
import { PokedexService } from '../pokedex/pokedex.service';
import { PredictionLogWriter } from '../prediction-log/prediction-log.writer';
import { BattleSimulator } from './battle-simulator.service';
import { BestMoveRequestDto, BestMoveResponseDto, MoveRef, MoveRefDto, ScoredMoveDto } from './dto/best-move.dto';
import { ModelInfoDto } from './dto/model-info.dto';
import { MAX_SEED, SimulateRequestDto, SimulateResponseDto } from './dto/simulate.dto';
import { battleMovesOf, resolveMoves, STATUS_MOVE_REASON } from './move-resolution';
import { PredictMetrics } from './predict.metrics';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

function moveRef(m: DexMove): MoveRefDto {
  return { id: m.id, name: m.name, type: m.type.name };
}

function scoredMove(s: MoveScore): ScoredMoveDto {
  const e = s.estimate;
  return {
    move_id: s.move.id,
    move_name: s.move.name,
    move_type: s.move.type.name,
    move_category: s.move.category,
    move_power: s.move.power,
    effective_power: Math.round(e.power * (e.stab ? 1.5 : 1) * e.effectiveness * 10) / 10,
    type_multiplier: e.effectiveness,
    stab: e.stab,
    priority: s.move.priority,
    accuracy: s.move.accuracy,
    win_probability: round4(s.winProbability),
    score: round4(s.meanWinProbability),
    predicted_winner: s.winProbability >= 0.5 ? 'A' : 'B',
    b_reply: moveRef(s.reply),
  };
}

interface Matchup {
  a: DexPokemon;
  b: DexPokemon;
}

/**
 * /predict: resolves the request against the Pokédex snapshot, sends every candidate row to the
 * served model in one call (shared with the other best-move requests of the same event-loop turn),
 * answers, and queues the prediction log row (never awaited).
 */
@Injectable()
export class PredictService {
  private readonly features = new FeatureRowCache(20_000);
  /** Simulate scores synchronously: its rows go into this one reused buffer. */
  private readonly scratch = new FeatureScratch();
  /** Best-move requests of the same event-loop turn share one model call. */
  private readonly batcher: PredictionBatcher<BattleModel>;

  constructor(
    private readonly pokedex: PokedexService,
    private readonly models: ServingModelService,
    private readonly log: PredictionLogWriter,
    private readonly simulator: BattleSimulator,
    private readonly metrics: PredictMetrics,
  ) {
    this.batcher = new PredictionBatcher<BattleModel>((stats) => metrics.recordBatch(stats));
  }

  async bestMove(body: BestMoveRequestDto, apiKey: string): Promise<BestMoveResponseDto> {
    const lease = this.models.acquire();
    if (!lease) throw ApiError.unavailable(this.models.unavailableReason());
    try {
      const snapshot = this.pokedex.snapshot;
      const problems: FieldProblem[] = [];
      const { a, b } = this.matchup(snapshot, body.pokemon_a_id, body.pokemon_b_id, problems);
      const movesA = resolveMoves(snapshot, a, body.available_moves, 'available_moves', problems);
      const givenB = body.available_moves_b ? resolveMoves(snapshot, b, body.available_moves_b, 'available_moves_b', problems) : null;
      if (!problems.length && movesA.moves.length === 0) {
        problems.push({ field: 'available_moves', message: `none of the moves can be scored (${movesA.skipped.map((s) => s.move.name).join(', ')}: ${STATUS_MOVE_REASON})` });
      }
      if (!problems.length && givenB && givenB.moves.length === 0) {
        problems.push({ field: 'available_moves_b', message: `none of B's moves can be played (${givenB.skipped.map((s) => s.move.name).join(', ')}: ${STATUS_MOVE_REASON})` });
      }
      if (problems.length || !a || !b) throw this.unprocessable(problems);
      const replies = givenB ? givenB.moves : (battleMovesOf(snapshot, b) ?? []);

      const started = process.hrtime.bigint();
      const matchup = buildMatchupRows({ a, movesA: movesA.moves, b, replies }, this.features);
      const scoring = rankMoves(matchup, await this.batcher.predict(lease.model, matchup.features, matchup.rows));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const best = scoring.ranked[0];
      const id = randomUUID();
      this.record('best-move', lease.info, best.winProbability, seconds);
      this.log.push({
        id,
        createdAt: new Date(),
        endpoint: 'best-move',
        modelName: lease.info.name,
        modelVersion: lease.info.version,
        featureVersion: FEATURE_VERSION,
        pokemonAId: a.id,
        pokemonBId: b.id,
        moveAId: best.move.id,
        moveBId: best.reply.id,
        request: {
          api_key: apiKey,
          pokemon_a_id: a.id,
          pokemon_b_id: b.id,
          available_moves: movesA.moves.map((m) => m.id),
          available_moves_b: givenB ? givenB.moves.map((m) => m.id) : null,
          skipped_moves: movesA.skipped.map((s) => s.move.id),
        },
        features: featureRow(scoring.features, best.row),
        probability: best.winProbability,
        simulatedWinRate: null,
      });
      return {
        prediction_id: id,
        model: { name: lease.info.name, version: lease.info.version },
        pokemon_a_id: a.id,
        pokemon_a_name: a.name,
        pokemon_a_types: a.types.map((t) => t.name),
        pokemon_b_id: b.id,
        pokemon_b_name: b.name,
        pokemon_b_types: b.types.map((t) => t.name),
        recommended_move: best.move.name,
        win_probability: round4(best.winProbability),
        pokemon_b_move: moveRef(best.reply),
        b_moves_source: givenB ? 'given' : 'learnset',
        b_moves_considered: replies.length,
        all_moves: scoring.ranked.map(scoredMove),
        skipped_moves: movesA.skipped.map((s) => ({ move_id: s.move.id, move_name: s.move.name, reason: s.reason })),
      };
    } finally {
      lease.release();
    }
  }

  async simulate(body: SimulateRequestDto, apiKey: string): Promise<SimulateResponseDto> {
    const lease = this.models.acquire();
    if (!lease) throw ApiError.unavailable(this.models.unavailableReason());
    let prediction: { a: DexPokemon; b: DexPokemon; best: MoveScore; features: Float32Array; info: ServingModelInfo; seconds: number };
    try {
      const snapshot = this.pokedex.snapshot;
      const problems: FieldProblem[] = [];
      const { a, b } = this.matchup(snapshot, body.pokemon_a_id, body.pokemon_b_id, problems);
      const moveA = this.singleMove(snapshot, a, body.move_a, 'move_a', problems);
      const moveB = this.singleMove(snapshot, b, body.move_b, 'move_b', problems);
      if (problems.length || !a || !b) throw this.unprocessable(problems);
      const started = process.hrtime.bigint();
      const scoring = scoreBestMove(
        lease.model,
        { a, movesA: moveA ? [moveA] : (battleMovesOf(snapshot, a) ?? []), b, replies: moveB ? [moveB] : (battleMovesOf(snapshot, b) ?? []) },
        this.features,
        this.scratch,
      );
      const best = scoring.ranked[0];
      prediction = {
        a,
        b,
        best,
        features: featureRow(scoring.features, best.row),
        info: lease.info,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
      };
      this.metrics.recordBatch({ requests: 1, rows: scoring.rows, seconds: prediction.seconds });
    } finally {
      // The battles below do not need the model: do not hold a swapped-out model for seconds.
      lease.release();
    }

    const { a, b, best, info } = prediction;
    const seed = body.seed ?? randomInt(0, MAX_SEED);
    const result = await this.simulator.simulate({ a: a.showdownId, moveA: best.move.showdownId, b: b.showdownId, moveB: best.reply.showdownId, battles: body.n_battles, seed });
    const id = randomUUID();
    this.record('simulate', info, best.winProbability, prediction.seconds);
    this.log.push({
      id,
      createdAt: new Date(),
      endpoint: 'simulate',
      modelName: info.name,
      modelVersion: info.version,
      featureVersion: FEATURE_VERSION,
      pokemonAId: a.id,
      pokemonBId: b.id,
      moveAId: best.move.id,
      moveBId: best.reply.id,
      request: { api_key: apiKey, pokemon_a_id: a.id, pokemon_b_id: b.id, move_a: body.move_a ?? null, move_b: body.move_b ?? null, n_battles: body.n_battles, seed },
      features: prediction.features,
      probability: best.winProbability,
      simulatedWinRate: result.winRateA,
    });
    const engineWinner = result.winsA > result.winsB ? 'A' : result.winsB > result.winsA ? 'B' : null;
    return {
      prediction_id: id,
      model: { name: info.name, version: info.version },
      pokemon_a_id: a.id,
      pokemon_a_name: a.name,
      pokemon_b_id: b.id,
      pokemon_b_name: b.name,
      move_a: moveRef(best.move),
      move_b: moveRef(best.reply),
      move_a_source: body.move_a != null ? 'given' : 'model',
      move_b_source: body.move_b != null ? 'given' : 'model',
      model_win_probability: round4(best.winProbability),
      simulation: {
        requested: result.requested,
        played: result.played,
        wins_a: result.winsA,
        wins_b: result.winsB,
        draws: result.draws,
        win_rate_a: round4(result.winRateA),
        mean_turns: Math.round(result.meanTurns * 100) / 100,
        truncated: result.truncated,
        duration_ms: Math.round(result.durationMs),
        seed,
      },
      model_agrees: engineWinner === (best.winProbability >= 0.5 ? 'A' : 'B'),
    };
  }

  modelInfo(): ModelInfoDto {
    const info = this.models.info;
    if (!info) throw ApiError.unavailable(this.models.unavailableReason());
    const m = info.metadata;
    return {
      name: info.name,
      version: info.version,
      alias: info.alias,
      run_id: info.runId,
      source: info.source,
      loaded_from: info.loadedFrom,
      loaded_at: info.loadedAt,
      trained_at: m.trainedAt,
      feature_version: m.featureVersion,
      feature_count: FEATURE_COUNT,
      metrics: m.metrics,
      params: m.params,
      dataset_fingerprint: m.datasetFingerprint,
      dex_fingerprint: m.dexFingerprint,
      best_iteration: m.bestIteration,
    };
  }

  private matchup(snapshot: PokedexSnapshot, aId: number, bId: number, problems: FieldProblem[]): Partial<Matchup> {
    const side = (id: number, field: string): DexPokemon | undefined => {
      const p = snapshot.getPokemon(id);
      if (!p) problems.push({ field, message: `no Pokémon with id ${id}` });
      else if (battleMovesOf(snapshot, p) === null) problems.push({ field, message: `${p.name} cannot battle under the engine's LGPE rules` });
      return p;
    };
    return { a: side(aId, 'pokemon_a_id'), b: side(bId, 'pokemon_b_id') };
  }

  private singleMove(snapshot: PokedexSnapshot, pokemon: DexPokemon | undefined, ref: MoveRef | null | undefined, field: string, problems: FieldProblem[]): DexMove | undefined {
    if (ref === undefined || ref === null) return undefined;
    const before = problems.length;
    const resolved = resolveMoves(snapshot, pokemon, [ref], field, problems);
    for (let i = before; i < problems.length; i++) problems[i] = { ...problems[i], field };
    if (resolved.skipped.length) problems.push({ field, message: `${resolved.skipped[0].move.name} is ${STATUS_MOVE_REASON}` });
    return resolved.moves[0];
  }

  private unprocessable(problems: FieldProblem[]): ApiError {
    return ApiError.unprocessable(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  }

  private record(endpoint: string, info: ServingModelInfo, p: number, seconds: number): void {
    this.metrics.record(endpoint, info.version, p, seconds);
  }
}
