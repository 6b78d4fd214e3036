export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

export interface MetricsOptions {
  /** Service name, added as the `service` label on every series. */
  service: string;
  /** Prefix of the HTTP series: `api` gives api_requests_total, api_request_duration_seconds, api_errors_total. */
  httpMetricPrefix: string;
  /** Set false to measure the hot path without HTTP metrics (benchmarks). */
  httpMetrics?: boolean;
  /** Route templates not recorded (the scrape endpoint itself by default). */
  ignoredRoutes?: string[];
}
