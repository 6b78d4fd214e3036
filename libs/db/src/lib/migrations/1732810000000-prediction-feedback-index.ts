import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live performance reads each version's latest outcomes (and the feedback monitor the champion's):
 * a partial index over the rows that have one, newest first. Predictions without feedback, the vast
 * majority, are not in it, so it costs the batched log INSERTs nothing until feedback arrives.
 */
export class PredictionFeedbackIndex1732810000000 implements MigrationInterface {
  name = 'PredictionFeedbackIndex1732810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_prediction_log_feedback ON prediction_log (model_name, model_version, feedback_at DESC) WHERE actual_winner IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_prediction_log_feedback');
  }
}
