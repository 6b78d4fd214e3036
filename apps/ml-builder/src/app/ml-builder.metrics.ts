import { JOB_DURATION_BUCKETS_SECONDS, counter, gauge, histogram } from '@predictiondex/metrics';

export const buildStageDuration = histogram({
  name: 'ml_build_stage_duration_seconds',
  help: 'Duration of ml-build stages',
  labelNames: ['stage'] as const,
  buckets: JOB_DURATION_BUCKETS_SECONDS,
});

export const battlesSimulated = counter({
  name: 'battles_simulated_total',
  help: 'Battles played by the engine for datasets',
});

/** Test metrics of registered versions; versions are few (one per build), so the label stays bounded. */
export const modelMetric = gauge({
  name: 'ml_model_metric',
  help: 'Test-split metrics of models registered by this worker',
  labelNames: ['metric', 'version'] as const,
});

export const buildsTotal = counter({
  name: 'ml_builds_total',
  help: 'ml-build jobs by outcome',
  labelNames: ['outcome'] as const,
});

// Every outcome exists from the start at 0: increase() over a series that appears with its first
// failure would miss that failure.
for (const outcome of ['succeeded', 'skipped', 'failed']) buildsTotal.inc({ outcome }, 0);
