import { counter, histogram, HTTP_LATENCY_BUCKETS_SECONDS } from '@predictiondex/metrics';

/** Outcome of one call the BFF makes to a dependency (bounded label values). */
export type UpstreamOutcome = 'ok' | 'client_error' | 'server_error' | 'unreachable' | 'timeout' | 'refused';

/** Calls to the api and mlflow-proxy, by dependency, operation (path template) and outcome. */
export const upstreamRequests = counter({
  name: 'ui_upstream_requests_total',
  help: 'Calls from the ui BFF to its dependencies, by dependency, operation and outcome',
  labelNames: ['upstream', 'operation', 'outcome'] as const,
});

export const upstreamDuration = histogram({
  name: 'ui_upstream_request_duration_seconds',
  help: 'Duration of calls from the ui BFF to its dependencies, in seconds',
  labelNames: ['upstream', 'operation'] as const,
  buckets: HTTP_LATENCY_BUCKETS_SECONDS,
});
