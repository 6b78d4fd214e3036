import { MigrationInterface, QueryRunner } from 'typeorm';

export class PredictionLog1732500000000 implements MigrationInterface {
  name = 'PredictionLog1732500000000';

  async up(q: QueryRunner): Promise<void> {
    // No foreign keys to pokemon/move: the log must outlive any Pokédex reload and never slow the
    // ETL's deletes; ids are stable across ETL runs anyway.
    await q.query(`
      CREATE TABLE prediction_log (
        id uuid PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        endpoint text NOT NULL CHECK (endpoint IN ('best-move', 'simulate')),
        model_name text NOT NULL,
        model_version text NOT NULL,
        feature_version text NOT NULL,
        pokemon_a_id int NOT NULL,
        pokemon_b_id int NOT NULL,
        move_a_id int NOT NULL,
        move_b_id int NOT NULL,
        request jsonb NOT NULL,
        features real[] NOT NULL,
        probability real NOT NULL CHECK (probability >= 0 AND probability <= 1),
        simulated_win_rate real CHECK (simulated_win_rate IS NULL OR (simulated_win_rate >= 0 AND simulated_win_rate <= 1)),
        actual_winner text CHECK (actual_winner IS NULL OR actual_winner IN ('A', 'B', 'draw')),
        feedback_at timestamptz
      );
      CREATE INDEX ix_prediction_log_created_at ON prediction_log (created_at);
      CREATE INDEX ix_prediction_log_model ON prediction_log (model_name, model_version, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE prediction_log');
  }
}
