// Metrics where higher is better, as XGBoost's Python EarlyStopping callback decides it.
const MAXIMIZED_PREFIXES = ['auc', 'aucpr', 'pre', 'ndcg', 'map'];

/** Whether early stopping should treat a larger value of `metric` as better (e.g. auc, ndcg@5). */
export function isMaximizedMetric(metric: string): boolean {
  const base = metric.split('@')[0];
  return MAXIMIZED_PREFIXES.includes(base);
}
