import { Injectable } from '@nestjs/common';
import { ApiConfig, InjectConfig } from '@predictiondex/config';
import { DataSource } from 'typeorm';
import { ApiError } from '../common/api-error';
import { PredictionLogWriter } from '../prediction-log/prediction-log.writer';
import { FeedbackResponseDto, ReportedWinner } from './feedback.dto';
import { FeedbackMetrics } from './feedback.metrics';

interface FeedbackRow {
  model_name: string;
  model_version: string;
  probability: number;
  actual_winner: string | null;
  feedback_at: Date | null;
}

/** Longest a miss waits for another replica's log flush before it is a 404. */
export const MAX_FLUSH_WAIT_MS = 2_000;
/** Time for a flushed batch to be committed, beyond the flush interval. */
const FLUSH_MARGIN_MS = 250;

const RETURNED = 'model_name, model_version, probability, actual_winner, feedback_at';

/**
 * Records the real outcome of a logged prediction, once. The outcome is set by a single conditional
 * UPDATE (`... WHERE actual_winner IS NULL RETURNING`): of concurrent reports exactly one sets it
 * (PostgreSQL re-checks the condition on the locked row for the others), and nothing ever changes it
 * afterwards. A report that set nothing reads the row to say why: the same answer is already there
 * (200, feedback_at untouched), another one is (409, naming it), or there is no such prediction (404).
 *
 * Predictions are logged asynchronously (the log writer's buffer). A report for a prediction still
 * in this replica's buffer flushes it first, so the replica that answered never gives a false 404.
 * A prediction answered by another replica may still be in that replica's buffer: a miss waits one
 * flush interval (PREDICTION_LOG_FLUSH_MS + 250 ms, at most 2 s) and looks again before it is a 404.
 */
@Injectable()
export class PredictionFeedbackService {
  private readonly recheckAfterMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: PredictionLogWriter,
    private readonly metrics: FeedbackMetrics,
    @InjectConfig() config: ApiConfig,
  ) {
    this.recheckAfterMs = Math.min(MAX_FLUSH_WAIT_MS, config.PREDICTION_LOG_FLUSH_MS + FLUSH_MARGIN_MS);
  }

  async record(id: string, winner: ReportedWinner): Promise<FeedbackResponseDto> {
    if (await this.log.isBuffered(id)) {
      await this.log.flush();
      if (await this.log.isBuffered(id)) {
        // The write failed and is being retried: the row exists, just not in the table yet.
        this.metrics.count('not_stored_yet');
        throw ApiError.unavailable(`prediction ${id} is not stored yet (the prediction log is catching up): retry shortly`, 1);
      }
    }
    const first = await this.attempt(id, winner);
    if (first) return first;
    await new Promise((r) => setTimeout(r, this.recheckAfterMs));
    const again = await this.attempt(id, winner);
    if (again) return again;
    this.metrics.count('not_found');
    throw ApiError.notFound(`no prediction with id ${id}`, [{ field: 'id', message: 'no logged prediction has this id' }]);
  }

  /** The conditional update, then (when it set nothing) what is on record; undefined when the row does not exist. */
  private async attempt(id: string, winner: ReportedWinner): Promise<FeedbackResponseDto | undefined> {
    const [updated] = (await this.dataSource.query(
      `WITH updated AS (
         UPDATE prediction_log SET actual_winner = $2, feedback_at = now()
         WHERE id = $1 AND actual_winner IS NULL
         RETURNING ${RETURNED}
       ) SELECT ${RETURNED} FROM updated`,
      [id, winner],
    )) as FeedbackRow[];
    if (updated) {
      this.metrics.count('recorded');
      return this.answer(id, 'recorded', updated);
    }
    // A new statement, so a new snapshot: it sees the report that won a concurrent race.
    const [existing] = (await this.dataSource.query(`SELECT ${RETURNED} FROM prediction_log WHERE id = $1`, [id])) as FeedbackRow[];
    if (!existing) return undefined;
    if (existing.actual_winner === winner) {
      this.metrics.count('already_recorded');
      return this.answer(id, 'already-recorded', existing);
    }
    this.metrics.count('conflict');
    throw ApiError.conflict(`the outcome of prediction ${id} is already recorded as '${existing.actual_winner}' (this report says '${winner}'); a recorded outcome is never changed`, [
      { field: 'winner', message: `already recorded as '${existing.actual_winner}'` },
    ]);
  }

  private answer(id: string, status: FeedbackResponseDto['status'], row: FeedbackRow): FeedbackResponseDto {
    const predicted = row.probability >= 0.5 ? 'A' : 'B';
    return {
      prediction_id: id,
      status,
      actual_winner: row.actual_winner ?? '',
      feedback_at: new Date(row.feedback_at ?? Date.now()).toISOString(),
      model: { name: row.model_name, version: row.model_version },
      predicted_winner: predicted,
      model_was_right: predicted === row.actual_winner,
    };
  }
}
