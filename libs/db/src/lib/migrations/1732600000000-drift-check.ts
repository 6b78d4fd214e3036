import { MigrationInterface, QueryRunner } from 'typeorm';

export class DriftCheck1732600000000 implements MigrationInterface {
  name = 'DriftCheck1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE drift_check (
        id serial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('completed', 'skipped', 'failed')),
        message text,
        model_name text,
        model_version text,
        run_id text,
        feature_version text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL CHECK (window_end >= window_start),
        reference_rows int NOT NULL DEFAULT 0 CHECK (reference_rows >= 0),
        current_rows int NOT NULL DEFAULT 0 CHECK (current_rows >= 0),
        feature_count int NOT NULL DEFAULT 0 CHECK (feature_count >= 0),
        drifted_features int NOT NULL DEFAULT 0 CHECK (drifted_features >= 0 AND drifted_features <= feature_count),
        drift_share real CHECK (drift_share IS NULL OR (drift_share >= 0 AND drift_share <= 1)),
        dataset_drift boolean,
        duration_ms int NOT NULL DEFAULT 0,
        report jsonb,
        CHECK (status <> 'completed' OR (report IS NOT NULL AND drift_share IS NOT NULL AND dataset_drift IS NOT NULL))
      );
      CREATE INDEX ix_drift_check_created_at ON drift_check (created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE drift_check');
  }
}
