import type { PredictionEndpoint } from '@predictiondex/db';

/** One answered prediction, as the prediction_log table keeps it. */
export interface PredictionLogRow {
  id: string;
  createdAt: Date;
  endpoint: PredictionEndpoint;
  modelName: string;
  modelVersion: string;
  featureVersion: string;
  pokemonAId: number;
  pokemonBId: number;
  moveAId: number;
  moveBId: number;
  request: Record<string, unknown>;
  features: Float32Array;
  probability: number;
  simulatedWinRate: number | null;
}

const COLUMNS = [
  'id',
  'created_at',
  'endpoint',
  'model_name',
  'model_version',
  'feature_version',
  'pokemon_a_id',
  'pokemon_b_id',
  'move_a_id',
  'move_b_id',
  'request',
  'features',
  'probability',
  'simulated_win_rate',
];
const CASTS: Record<string, string> = {
  request: '::jsonb',
  features: '::real[]',
  created_at: '::timestamptz',
};

/**
 * A float4 array literal that PostgreSQL reads back to exactly the same float32 values: each value
 * in JavaScript's shortest form for the (exactly representable) double, which float4 input rounds
 * back to the same float32; NaN and ±Infinity as PostgreSQL spells them.
 */
export function realArrayLiteral(values: Float32Array): string {
  return `{${values.join(',')}}`;
}

/** A row as the INSERT's parameters, in COLUMNS order. */
export type PreparedRow = readonly unknown[];

export function prepareRow(r: PredictionLogRow): PreparedRow {
  return [
    r.id,
    r.createdAt.toISOString(),
    r.endpoint,
    r.modelName,
    r.modelVersion,
    r.featureVersion,
    r.pokemonAId,
    r.pokemonBId,
    r.moveAId,
    r.moveBId,
    JSON.stringify(r.request),
    realArrayLiteral(r.features),
    r.probability,
    r.simulatedWinRate,
  ];
}

/** One multi-row INSERT for a batch: the SQL and its parameters. Idempotent: a row already written is skipped. */
export function insertStatement(rows: readonly PreparedRow[]): {
  sql: string;
  params: unknown[];
} {
  const params: unknown[] = [];
  const tuples = rows.map((values) => {
    const start = params.length;
    for (const v of values) params.push(v);
    return `(${COLUMNS.map((c, i) => `$${start + i + 1}${CASTS[c] ?? ''}`).join(',')})`;
  });
  return {
    sql: `INSERT INTO prediction_log (${COLUMNS.join(',')}) VALUES ${tuples.join(',')} ON CONFLICT (id) DO NOTHING`,
    params,
  };
}
