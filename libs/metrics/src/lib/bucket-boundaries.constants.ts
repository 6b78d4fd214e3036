/** HTTP request latency: sub-millisecond reads up to slow uploads. */
export const HTTP_LATENCY_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Model inference: a batch predict is tens of microseconds to a few milliseconds. */
export const MODEL_LATENCY_BUCKETS_SECONDS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** Probability-like values in [0, 1] (confidence, win probability). */
export const PROBABILITY_BUCKETS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99, 1];

/** Pipeline stages and ETL runs: seconds to an hour. */
export const JOB_DURATION_BUCKETS_SECONDS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

/** A drift check: reading the window, testing 137 features, storing the report (seconds to minutes). */
export const DRIFT_CHECK_DURATION_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
