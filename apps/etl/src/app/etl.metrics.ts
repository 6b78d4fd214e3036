import { JOB_DURATION_BUCKETS_SECONDS, counter, histogram } from '@predictiondex/metrics';

export const etlRowsLoaded = counter({
  name: 'etl_rows_loaded_total',
  help: 'Rows inserted, updated or deleted by ETL runs, per table',
  labelNames: ['table'] as const,
});

export const etlRunDuration = histogram({
  name: 'etl_run_duration_seconds',
  help: 'Duration of ETL runs by outcome',
  labelNames: ['status'] as const,
  buckets: JOB_DURATION_BUCKETS_SECONDS,
});
