import { Injectable } from '@nestjs/common';
import { counter } from '@predictiondex/metrics';

export const FEEDBACK_OUTCOMES = ['recorded', 'already_recorded', 'conflict', 'not_found', 'not_stored_yet'] as const;
export type FeedbackOutcome = (typeof FEEDBACK_OUTCOMES)[number];

@Injectable()
export class FeedbackMetrics {
  readonly reports = counter({
    name: 'api_feedback_reports_total',
    help: 'Outcome reports on predictions (POST /predictions/{id}/feedback), by what became of them',
    labelNames: ['outcome'] as const,
  });

  count(outcome: FeedbackOutcome): void {
    this.reports.inc({ outcome });
  }
}
