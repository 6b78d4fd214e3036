import { metricNames } from './dashboards';

/**
 * Which scrape job(s) export a metric, by name. A panel is expected to show data when one of the
 * jobs of each metric it reads is running ('*' = any running job). Drift gauges come from the api
 * (DriftModule); the drift-check queue's from the api replicas that consume it.
 */
const SOURCES: [RegExp, string[]][] = [
  [/^up$/, ['*']],
  [/^(process_|nodejs_)/, ['*']],
  [/^node_/, ['node']],
  [/^(api_|model_)/, ['api']],
  [/^(ml_|battles_)/, ['ml-builder']],
  [/^etl_/, ['etl']],
  [/^mlflow_proxy_/, ['mlflow-proxy']],
  [/^queue_/, ['etl', 'ml-builder', 'api']],
  [/^(data_drift_|feature_drift_|feature_psi|data_quality_|drift_check)/, ['api']],
];

export function sourcesOf(metric: string): string[] {
  const hit = SOURCES.find(([re]) => re.test(metric));
  if (!hit) throw new Error(`no known source for metric '${metric}': add it to infra/test/support/metric-sources.ts`);
  return hit[1];
}

/** True when every metric the expression reads has a running source. */
export function sourcesRunning(expr: string, running: ReadonlySet<string>): boolean {
  return metricNames(expr).every((m) => sourcesOf(m).some((s) => s === '*' || running.has(s)));
}
