import type { Affinity, BestMoveResponse, DecisionPage, Learnset, ModelInfo, Move, MoveSummary, PerformanceResponse, Pokemon, SimulateResponse, TypeAffinity, Weaknesses } from '@predictiondex/api-client';
import type { AboutResponse, BuildJobsResponse, EtlRunsResponse, ModelVersionsResponse } from '@bff-contract';
import { TYPE_NAMES } from '../lib/types';

const typeId = (name: string) => TYPE_NAMES.indexOf(name as (typeof TYPE_NAMES)[number]) + 1;
const ref = (name: string) => ({ id: typeId(name), name });

export function pokemon(id: number, name: string, types: string[], total = 320, over: Partial<Pokemon> = {}): Pokemon {
  const s = Math.round(total / 6);
  return {
    id,
    name,
    name_fr: null,
    showdown_id: name.toLowerCase(),
    dex_number: id,
    form: 'base',
    forme_label: '',
    base_species: name.toLowerCase(),
    evolves_from: null,
    types: types.map(ref),
    stats: { hp: s, attack: s, defense: s, sp_attack: s, sp_defense: s, speed: total - 5 * s, total },
    height_m: 0.4,
    weight_kg: 6,
    sprite_url: null,
    ...over,
  };
}

export const PIKACHU = pokemon(25, 'Pikachu', ['Electric'], 320, { sprite_url: 'https://raw.githubusercontent.com/sprites/25.png', name_fr: 'Pikachu' });
export const CHARIZARD = pokemon(6, 'Charizard', ['Fire', 'Flying'], 534);
export const BULBASAUR = pokemon(1, 'Bulbasaur', ['Grass', 'Poison'], 318);
export const ALL_POKEMON = [BULBASAUR, CHARIZARD, PIKACHU];

export function move(id: number, name: string, type: string, category: Move['category'], power: number | null, over: Partial<Move> = {}): Move {
  return {
    id,
    name,
    name_fr: null,
    showdown_id: name.toLowerCase().replace(/ /g, ''),
    type: ref(type),
    category,
    power,
    accuracy: 100,
    pp: 15,
    priority: 0,
    description: `${name} description`,
    multi_hit: null,
    is_charge: false,
    is_recharge: false,
    fixed_damage: null,
    is_ohko: false,
    recoil: 0,
    drain: 0,
    crit_ratio: 1,
    flags: [],
    ...over,
  };
}

export const MOVES: Move[] = [
  move(1, 'Thunderbolt', 'Electric', 'special', 90),
  move(2, 'Quick Attack', 'Normal', 'physical', 40, { priority: 1 }),
  move(3, 'Flamethrower', 'Fire', 'special', 90),
  move(4, 'Thunder Wave', 'Electric', 'status', null, { accuracy: 90 }),
  move(5, 'Hyper Beam', 'Normal', 'special', 150, { accuracy: 90 }),
  move(6, 'Swift', 'Normal', 'special', 60, { accuracy: null }),
  move(7, 'Air Slash', 'Flying', 'special', 75, { accuracy: 95 }),
  move(8, 'Thunder', 'Electric', 'special', 110, { accuracy: 70 }),
];

const summary = (m: Move): MoveSummary => ({ id: m.id, name: m.name, type: m.type, category: m.category, power: m.power, accuracy: m.accuracy, priority: m.priority, battle_move: m.category !== 'status' });

export function learnsetOf(pokemonId: number, moveIds: number[]): Learnset {
  return {
    pokemon_id: pokemonId,
    items: moveIds.map((id, i) => ({
      move: summary(MOVES.find((m) => m.id === id)!),
      methods: [i === 0 ? { method: 'tm', level: null, source_pokemon_id: pokemonId } : { method: 'level-up', level: 5 * i, source_pokemon_id: i === 3 ? 1 : pokemonId }],
    })),
  };
}

export const LEARNSETS: Record<number, Learnset> = {
  25: learnsetOf(25, [1, 2, 4, 5, 6, 8]),
  6: learnsetOf(6, [3, 5, 7]),
  1: learnsetOf(1, [2, 6]),
};

/** A small chart: the real multipliers for a few pairs, everything else neutral. */
export const CHART_CELLS: Record<string, number> = {
  'Fire>Grass': 2,
  'Fire>Water': 0.5,
  'Electric>Ground': 0,
  'Electric>Water': 2,
  'Electric>Flying': 2,
  'Normal>Ghost': 0,
  'Water>Fire': 2,
  'Rock>Fire': 2,
  'Ground>Electric': 2,
  'Ice>Flying': 2,
};

export const AFFINITIES: Affinity[] = TYPE_NAMES.flatMap((a) => TYPE_NAMES.map((d) => ({ attacking: ref(a), defending: [ref(d)], multiplier: CHART_CELLS[`${a}>${d}`] ?? 1 })));

export function weaknessesOf(p: Pokemon): Weaknesses {
  const affinities: TypeAffinity[] = TYPE_NAMES.map((a) => ({
    type: ref(a),
    multiplier: p.types.reduce((m, t) => m * (CHART_CELLS[`${a}>${t.name}`] ?? 1), 1),
  })).sort((x, y) => y.multiplier - x.multiplier);
  return {
    pokemon: p,
    affinities,
    weaknesses: affinities.filter((a) => a.multiplier > 1),
    resistances: affinities.filter((a) => a.multiplier > 0 && a.multiplier < 1),
    immunities: affinities.filter((a) => a.multiplier === 0),
  };
}

export const BEST_MOVE: BestMoveResponse = {
  prediction_id: '00000000-0000-4000-8000-000000000001',
  model: { name: 'battle-winner', version: '3' },
  pokemon_a_id: 25,
  pokemon_a_name: 'Pikachu',
  pokemon_a_types: ['Electric'],
  pokemon_b_id: 6,
  pokemon_b_name: 'Charizard',
  pokemon_b_types: ['Fire', 'Flying'],
  recommended_move: 'Thunderbolt',
  win_probability: 0.812,
  pokemon_b_move: { id: 3, name: 'Flamethrower', type: 'Fire' },
  b_moves_source: 'learnset',
  b_moves_considered: 3,
  all_moves: [
    { move_id: 1, move_name: 'Thunderbolt', move_type: 'Electric', move_category: 'special', move_power: 90, effective_power: 270, type_multiplier: 2, stab: true, priority: 0, accuracy: 100, win_probability: 0.812, score: 0.85, predicted_winner: 'A', b_reply: { id: 3, name: 'Flamethrower', type: 'Fire' } },
    { move_id: 5, move_name: 'Hyper Beam', move_type: 'Normal', move_category: 'special', move_power: 150, effective_power: 150, type_multiplier: 1, stab: false, priority: 0, accuracy: 90, win_probability: 0.31, score: 0.4, predicted_winner: 'B', b_reply: { id: 7, name: 'Air Slash', type: 'Flying' } },
  ],
  skipped_moves: [],
};

export const SIMULATION: SimulateResponse = {
  prediction_id: '00000000-0000-4000-8000-000000000002',
  model: { name: 'battle-winner', version: '3' },
  pokemon_a_id: 25,
  pokemon_a_name: 'Pikachu',
  pokemon_b_id: 6,
  pokemon_b_name: 'Charizard',
  move_a: { id: 1, name: 'Thunderbolt', type: 'Electric' },
  move_b: { id: 3, name: 'Flamethrower', type: 'Fire' },
  move_a_source: 'given',
  move_b_source: 'given',
  model_win_probability: 0.812,
  simulation: { requested: 100, played: 100, wins_a: 77, wins_b: 23, draws: 0, win_rate_a: 0.77, mean_turns: 2.4, truncated: false, duration_ms: 812, seed: 42 },
  model_agrees: true,
};

export const MODEL_INFO: ModelInfo = {
  name: 'battle-winner',
  version: '3',
  alias: 'champion',
  run_id: 'c'.repeat(32),
  source: 'mlflow-artifacts:/1/ccc/artifacts/model',
  loaded_from: 'registry',
  loaded_at: '2026-01-02T03:04:05.000Z',
  trained_at: '2026-01-02T03:00:00.000Z',
  feature_version: 'lgpe-v1',
  feature_count: 137,
  metrics: { test_accuracy: 0.93, test_roc_auc: 0.98, test_log_loss: 0.2 },
  params: { n_estimators: 200, max_depth: 10 },
  dataset_fingerprint: 'sha256:x',
  dex_fingerprint: 'dex-x',
  best_iteration: 199,
};

export const VERSIONS: ModelVersionsResponse = {
  model: 'battle-winner',
  items: [
    { version: '3', aliases: ['champion'], status: 'READY', created_at: '2026-01-03T00:00:00.000Z', run_id: 'c'.repeat(32), metrics: { test_accuracy: 0.93, test_log_loss: 0.2 }, tags: { dataset_version: 'ds-3' }, has_evaluation_plots: true },
    { version: '2', aliases: [], status: 'READY', created_at: '2026-01-02T00:00:00.000Z', run_id: 'b'.repeat(32), metrics: { test_accuracy: 0.9, test_log_loss: 0.25 }, tags: {}, has_evaluation_plots: true },
    { version: '1', aliases: ['challenger'], status: 'READY', created_at: '2026-01-01T00:00:00.000Z', run_id: 'a'.repeat(32), metrics: { test_accuracy: 0.88 }, tags: {}, has_evaluation_plots: false },
  ],
};

export const ETL_RUNS: EtlRunsResponse = {
  items: [
    { id: 2, status: 'running', forced: true, started_at: '2026-01-02T00:00:00.000Z', finished_at: null, duration_ms: null, source_versions: { showdown: '@pkmn/sim@0.10.11' }, row_counts: {}, changes: {}, rejected_rows: 0, warnings: [], dex_fingerprint: null, error: null },
    { id: 1, status: 'succeeded', forced: false, started_at: '2026-01-01T00:00:00.000Z', finished_at: '2026-01-01T00:00:01.500Z', duration_ms: 1500, source_versions: { showdown: '@pkmn/sim@0.10.11' }, row_counts: { pokemon: 188, move: 226 }, changes: { pokemon: 188, move: 226, total: 414 }, rejected_rows: 0, warnings: ['one'], dex_fingerprint: 'dex-abc', error: null },
  ],
};

export const BUILD_JOBS: BuildJobsResponse = {
  queue: 'ml-build',
  counts: { active: 1, completed: 1 },
  items: [
    { id: 'build-etl-2', name: 'build', state: 'active', percent: 40, stage: 'train', reason: 'etl', etl_run_id: 2, attempts: 1, created_at: '2026-01-02T00:00:01.000Z', started_at: '2026-01-02T00:00:02.000Z', finished_at: null, failed_reason: null, result: null },
    { id: 'build-etl-1', name: 'build', state: 'completed', percent: 100, stage: 'register', reason: 'etl', etl_run_id: 1, attempts: 1, created_at: '2026-01-01T00:00:01.000Z', started_at: '2026-01-01T00:00:02.000Z', finished_at: '2026-01-01T00:01:00.000Z', failed_reason: null, result: { status: 'succeeded', model_version: '1', alias: 'champion', run_id: 'r' } },
  ],
};

export const ABOUT: AboutResponse = {
  ui: { node: 'v20.0.0', started_at: '2026-01-01T00:00:00.000Z' },
  api: { reachable: true, version: '1.0.0', title: 'PredictionDex API' },
  links: { api_docs: 'http://api.test/docs', queue_dashboard: 'http://api.test/admin/queues', grafana: 'http://grafana.test' },
};

export const PERFORMANCE: PerformanceResponse = {
  model_name: 'battle-winner',
  window: 500,
  serving_version: '3',
  generated_at: '2026-01-04T00:00:00.000Z',
  versions: [
    {
      version: '3',
      serving: true,
      samples: 120,
      accuracy: 0.9,
      log_loss: 0.2512,
      brier: 0.0801,
      roc_auc: 0.95,
      confusion: { tp: 60, fp: 6, tn: 48, fn: 6 },
      calibration: [],
      rolling_accuracy: [
        { at: '2026-01-03T10:00:00.000Z', accuracy: 0.88, samples: 50 },
        { at: '2026-01-03T12:00:00.000Z', accuracy: 0.92, samples: 50 },
      ],
      first_feedback_at: '2026-01-03T09:00:00.000Z',
      last_feedback_at: '2026-01-03T12:00:00.000Z',
    },
    {
      version: '2',
      serving: false,
      samples: 60,
      accuracy: 0.5,
      log_loss: 0.9,
      brier: 0.3,
      roc_auc: null,
      confusion: { tp: 30, fp: 30, tn: 0, fn: 0 },
      calibration: [],
      rolling_accuracy: [{ at: '2026-01-02T12:00:00.000Z', accuracy: 0.5, samples: 50 }],
      first_feedback_at: '2026-01-02T09:00:00.000Z',
      last_feedback_at: '2026-01-02T12:00:00.000Z',
    },
  ],
};

export const DECISIONS: DecisionPage = {
  total: 3,
  limit: 20,
  offset: 0,
  items: [
    {
      id: 3,
      created_at: '2026-01-03T13:00:00.000Z',
      kind: 'rollback',
      decision: 'rolled-back',
      model_name: 'battle-winner',
      reasons: ['v4 regressed'],
      champion_before: '4',
      candidate_version: '3',
      champion_after: '3',
      promoted: true,
      explanation: 'v4 regressed',
      figures: {},
      run_id: null,
    },
    {
      id: 2,
      created_at: '2026-01-03T12:30:00.000Z',
      kind: 'retrain',
      decision: 'kept-champion',
      model_name: 'battle-winner',
      reasons: ['manual'],
      champion_before: '3',
      candidate_version: '5',
      champion_after: '3',
      promoted: false,
      explanation: 'test log loss 0.2600 vs champion 0.2000: improvement -0.0600 < 0.001',
      figures: { challenger: { testLogLoss: 0.26 }, champion: { testLogLoss: 0.2 } },
      run_id: 'e'.repeat(32),
    },
    {
      id: 1,
      created_at: '2026-01-03T08:00:00.000Z',
      kind: 'retrain',
      decision: 'promoted',
      model_name: 'battle-winner',
      reasons: ['feedback', 'drift'],
      champion_before: '2',
      candidate_version: '3',
      champion_after: '3',
      promoted: true,
      explanation: 'test log loss -0.0500 and feedback log loss 0.3000 <= 0.7000',
      figures: { challenger: { testLogLoss: 0.2, feedbackLogLoss: 0.3 }, champion: { testLogLoss: 0.25, feedbackLogLoss: 0.7 }, feedback: { total: 100, trained: 70, heldOut: 30, weight: 5 } },
      run_id: 'c'.repeat(32),
    },
  ],
};

