import { Injectable } from '@nestjs/common';
import { counter, histogram, MODEL_LATENCY_BUCKETS_SECONDS, PROBABILITY_BUCKETS } from '@predictiondex/metrics';
import type { BatchStats } from '@predictiondex/prediction';

/** Win probability spans [0, 1]; confidence (max(p, 1-p)) uses PROBABILITY_BUCKETS, which start at 0.5. */
export const WIN_PROBABILITY_BUCKETS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1];

/** The reference model metrics (names kept from the original stack), created with the app. */
@Injectable()
export class PredictMetrics {
  readonly predictions = counter({
    name: 'model_predictions_total',
    help: 'Predictions served, by endpoint, model version and predicted winner',
    labelNames: ['endpoint', 'model_version', 'predicted_winner'] as const,
  });

  readonly duration = histogram({
    name: 'model_prediction_duration_seconds',
    help: 'Time to build the feature rows and run the model for one request (one batch call), by endpoint',
    labelNames: ['endpoint'] as const,
    buckets: MODEL_LATENCY_BUCKETS_SECONDS,
  });

  readonly confidence = histogram({
    name: 'model_confidence_score',
    help: 'Confidence of the answered prediction: max(p, 1 - p)',
    labelNames: ['endpoint'] as const,
    buckets: PROBABILITY_BUCKETS,
  });

  readonly winProbability = histogram({
    name: 'model_win_probability',
    help: 'P(A wins) of the answered prediction',
    labelNames: ['endpoint'] as const,
    buckets: WIN_PROBABILITY_BUCKETS,
  });

  readonly batchRows = histogram({
    name: 'model_batch_rows',
    help: 'Feature rows sent to the model in one call (one request, or several batched together)',
    buckets: [1, 4, 16, 64, 128, 256, 512, 1024, 4096],
  });

  readonly batchRequests = histogram({
    name: 'model_batch_requests',
    help: 'Requests answered by one model call (dynamic batching of concurrent best-move requests)',
    buckets: [1, 2, 4, 8, 16, 32, 64],
  });

  readonly callDuration = histogram({
    name: 'model_call_duration_seconds',
    help: 'Duration of one model call (libxgboost predict on a batch)',
    buckets: MODEL_LATENCY_BUCKETS_SECONDS,
  });

  record(endpoint: string, modelVersion: string, p: number, seconds: number): void {
    this.predictions.inc({ endpoint, model_version: modelVersion, predicted_winner: p >= 0.5 ? 'A' : 'B' });
    this.duration.observe({ endpoint }, seconds);
    this.confidence.observe({ endpoint }, Math.max(p, 1 - p));
    this.winProbability.observe({ endpoint }, p);
  }

  recordBatch(stats: BatchStats): void {
    this.batchRows.observe(stats.rows);
    this.batchRequests.observe(stats.requests);
    this.callDuration.observe(stats.seconds);
  }
}
