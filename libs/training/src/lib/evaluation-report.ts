import { calibrationSvg, CalibrationBin, ClassificationMetrics, confusionMatrixSvg, escapeHtml as esc } from '@predictiondex/model-metrics';

const fmt = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

export interface EvaluationReportInput {
  title: string;
  metrics: ClassificationMetrics;
  trainMetrics: ClassificationMetrics;
  perScenario: Record<string, ClassificationMetrics>;
  calibration: CalibrationBin[];
  topFeatures: { feature: string; gain: number }[];
  monteCarlo?: { pairs: number; battlesPerPair: number; mae: number; clearPairs: number; clearAccuracy: number };
  params: Record<string, unknown>;
}

/** One self-contained HTML page (figures inlined, no script, every value escaped). */
export function evaluationReportHtml(r: EvaluationReportInput): string {
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
  const m = r.metrics;
  const scenarios = Object.entries(r.perScenario)
    .map(([s, x]) => `<tr><td>${esc(s)}</td><td>${x.rows}</td><td>${fmt(x.accuracy)}</td><td>${fmt(x.roc_auc)}</td><td>${fmt(x.log_loss)}</td><td>${fmt(x.brier)}</td></tr>`)
    .join('');
  const features = r.topFeatures.map((f) => `<tr><td>${esc(f.feature)}</td><td>${fmt(f.gain, 1)}</td></tr>`).join('');
  const mc = r.monteCarlo
    ? [row('pairs × battles', `${r.monteCarlo.pairs} × ${r.monteCarlo.battlesPerPair}`), row('MAE vs simulated win rate', fmt(r.monteCarlo.mae)), row('accuracy on clear pairs', `${fmt(r.monteCarlo.clearAccuracy)} (${r.monteCarlo.clearPairs} pairs)`)].join('')
    : row('Monte-Carlo check', 'not run');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>body{font-family:sans-serif;margin:2rem;max-width:1000px}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}.figs{display:flex;gap:1rem;flex-wrap:wrap}</style></head><body>
<h1>${esc(r.title)}</h1>
<h2>Test split</h2><table>${row('rows', String(m.rows))}${row('accuracy', fmt(m.accuracy))}${row('precision', fmt(m.precision))}${row('recall', fmt(m.recall))}${row('F1', fmt(m.f1))}${row('ROC-AUC', fmt(m.roc_auc))}${row('log loss', fmt(m.log_loss))}${row('Brier', fmt(m.brier))}${row('ECE', fmt(m.ece))}${row('train-test accuracy gap', fmt(r.trainMetrics.accuracy - m.accuracy))}</table>
<div class="figs">${calibrationSvg(r.calibration)}${confusionMatrixSvg(m.confusion)}</div>
<h2>Per scenario (test)</h2><table><tr><th>scenario</th><th>rows</th><th>accuracy</th><th>ROC-AUC</th><th>log loss</th><th>Brier</th></tr>${scenarios}</table>
<h2>Against the engine (Monte Carlo)</h2><table>${mc}</table>
<h2>Top features by total gain</h2><table><tr><th>feature</th><th>gain</th></tr>${features}</table>
<h2>Parameters</h2><table>${Object.entries(r.params).map(([k, v]) => row(k, String(v))).join('')}</table>
</body></html>`;
}
