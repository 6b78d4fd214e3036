import { MigrationInterface, QueryRunner } from 'typeorm';

export class ModelDecision1732700000000 implements MigrationInterface {
  name = 'ModelDecision1732700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE model_decision (
        id serial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('retrain', 'rollback')),
        model_name text NOT NULL,
        reasons text[] NOT NULL DEFAULT '{}',
        champion_before text,
        candidate_version text NOT NULL,
        champion_after text NOT NULL,
        promoted boolean NOT NULL,
        explanation text NOT NULL,
        figures jsonb NOT NULL DEFAULT '{}',
        run_id text
      );
      CREATE INDEX ix_model_decision_created ON model_decision (model_name, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE model_decision');
  }
}
