/** One round's evaluation: `{ valid: { auc: 0.93, logloss: 0.31 } }`, metrics in XGBoost's order. */
export type EvalScores = Record<string, Record<string, number>>;

/** Every round's evaluation: `history.valid.auc[round]`. */
export type EvalHistory = Record<string, Record<string, number[]>>;

function parseMetricValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  return Number.parseFloat(text);
}

/**
 * Parses XGBoosterEvalOneIter's text, e.g. `[3]\ttrain-auc:0.99\tvalid-error@0.6:0.1`. Dataset
 * names are matched against the ones we passed (longest first) because both dataset and metric
 * names may contain '-' (`valid-set`, `ndcg@5-`), so splitting on '-' alone is ambiguous.
 */
export function parseEvalScores(text: string, datasetNames: readonly string[]): EvalScores {
  const scores: EvalScores = {};
  const byLength = [...datasetNames].sort((a, b) => b.length - a.length);
  for (const name of datasetNames) scores[name] = {};
  for (const token of text.trim().split('\t').slice(1)) {
    const colon = token.lastIndexOf(':');
    if (colon < 0) continue;
    const key = token.slice(0, colon);
    const dataset = byLength.find((name) => key.startsWith(`${name}-`));
    if (dataset === undefined) {
      throw new Error(`Unexpected token "${token}" in XGBoost evaluation output "${text}"`);
    }
    scores[dataset][key.slice(dataset.length + 1)] = parseMetricValue(token.slice(colon + 1));
  }
  return scores;
}

export function appendToHistory(history: EvalHistory, scores: EvalScores): void {
  for (const [dataset, metrics] of Object.entries(scores)) {
    const datasetHistory = (history[dataset] ??= {});
    for (const [metric, value] of Object.entries(metrics)) {
      (datasetHistory[metric] ??= []).push(value);
    }
  }
}
