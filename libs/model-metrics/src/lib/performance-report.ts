import { calibrationSvg, confusionMatrixSvg } from './classification-plots';
import { escapeHtml as esc } from './html-text';
import type { LivePerformance, RollingAccuracyPoint } from './live-performance';

export interface PerformanceReportInput {
  modelName: string;
  /** Outcomes per version the figures were computed on (the most recent ones). */
  window: number;
  generatedAt: Date;
  /** The version the reporting process serves (marked in the report), if any. */
  servingVersion: string | null;
  versions: LivePerformance[];
  title?: string;
}

const fmt = (x: number | null, d = 4): string => (x === null || !Number.isFinite(x) ? '—' : x.toFixed(d));
const when = (d: Date | null): string => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');

/** Rolling accuracy over feedback time as an inline SVG line chart (y from 0 to 1, the 50 % line dashed). */
export function rollingAccuracySvg(points: readonly RollingAccuracyPoint[], title = 'Rolling accuracy on reported outcomes'): string {
  const W = 560;
  const H = 260;
  const m = { left: 50, right: 20, top: 36, bottom: 44 };
  const y = (v: number) => m.top + (1 - v) * (H - m.top - m.bottom);
  const t0 = points.length ? points[0].at.getTime() : 0;
  const t1 = points.length ? points[points.length - 1].at.getTime() : 1;
  // Equal spacing when every point has the same time (a burst of outcomes in one second).
  const x = (p: RollingAccuracyPoint, i: number) =>
    m.left + (t1 > t0 ? (p.at.getTime() - t0) / (t1 - t0) : points.length > 1 ? i / (points.length - 1) : 0.5) * (W - m.left - m.right);
  const line = points.map((p, i) => `${x(p, i).toFixed(1)},${y(p.accuracy).toFixed(1)}`).join(' ');
  const dots = points
    .map((p, i) => `<circle cx="${x(p, i).toFixed(1)}" cy="${y(p.accuracy).toFixed(1)}" r="3" fill="#1565c0"><title>${esc(`${when(p.at)}: ${fmt(p.accuracy, 3)} on the last ${p.samples} outcomes`)}</title></circle>`)
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => `<text x="${m.left - 8}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`).join('');
  const times = points.length
    ? `<text x="${m.left}" y="${H - m.bottom + 16}" font-size="11">${esc(when(points[0].at))}</text><text x="${W - m.right}" y="${H - m.bottom + 16}" font-size="11" text-anchor="end">${esc(when(points[points.length - 1].at))}</text>`
    : `<text x="${W / 2}" y="${H / 2}" font-size="13" text-anchor="middle">no reported outcome yet</text>`;
  return `<svg class="rolling" xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" role="img" aria-label="${esc(title)}">
<rect width="100%" height="100%" fill="#fff"/><text x="${W / 2}" y="20" font-size="15" text-anchor="middle">${esc(title)}</text>
<line x1="${m.left}" y1="${y(0)}" x2="${W - m.right}" y2="${y(0)}" stroke="#333"/><line x1="${m.left}" y1="${y(0)}" x2="${m.left}" y2="${y(1)}" stroke="#333"/>
<line x1="${m.left}" y1="${y(0.5)}" x2="${W - m.right}" y2="${y(0.5)}" stroke="#999" stroke-dasharray="4 4"/>
<polyline points="${line}" fill="none" stroke="#1565c0" stroke-width="2"/>${dots}${ticks}${times}
<text x="${W / 2}" y="${H - 8}" font-size="12" text-anchor="middle">feedback time</text></svg>`;
}

const STYLE = `body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0}.card{border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:120px}
.card b{display:block;font-size:18px}table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}
th{background:#f6f6f6}td.n{text-align:right;font-variant-numeric:tabular-nums}tr.serving td{background:#eaf7ea}
.figs{display:flex;gap:12px;flex-wrap:wrap}.figs svg{border:1px solid #eee;border-radius:6px;max-width:100%;height:auto}`;

function summaryRow(v: LivePerformance, serving: boolean): string {
  return `<tr class="${serving ? 'serving' : ''}"><td><a href="#v-${esc(v.version)}">v${esc(v.version)}</a>${serving ? ' (serving)' : ''}</td><td class="n">${v.samples}</td><td class="n">${fmt(v.accuracy)}</td><td class="n">${fmt(v.logLoss)}</td><td class="n">${fmt(v.brier)}</td><td class="n">${fmt(v.rocAuc)}</td><td>${esc(when(v.firstFeedbackAt))}</td><td>${esc(when(v.lastFeedbackAt))}</td></tr>`;
}

function versionSection(v: LivePerformance, serving: boolean): string {
  const card = (name: string, value: string) => `<div class="card"><span>${esc(name)}</span><b>${esc(value)}</b></div>`;
  const body = v.samples
    ? `<div class="figs">${calibrationSvg(v.calibration, `Calibration of v${v.version} (reported outcomes)`)}${confusionMatrixSvg(v.confusion, `Confusion matrix of v${v.version} (reported outcomes)`)}${rollingAccuracySvg(v.rolling, `Rolling accuracy of v${v.version}`)}</div>`
    : '<p>No reported outcome for this version yet.</p>';
  return `<section id="v-${esc(v.version)}" class="version"><h2>v${esc(v.version)}${serving ? ' — serving' : ''}</h2>
<div class="cards">${card('outcomes', String(v.samples))}${card('accuracy', fmt(v.accuracy))}${card('log loss', fmt(v.logLoss))}${card('Brier', fmt(v.brier))}${card('ROC-AUC', fmt(v.rocAuc))}</div>
${body}</section>`;
}

/**
 * The classification performance report on reported outcomes as one self-contained HTML page:
 * inline CSS and SVG only (no script, no external asset, nothing to fetch: it is served under
 * `default-src 'none'`), every value escaped. Per version: the figures, calibration plot, confusion
 * matrix and rolling accuracy over time, drawn by the same code as the test-split evaluation report.
 */
export function performanceReportHtml(r: PerformanceReportInput): string {
  const title = r.title ?? `${r.modelName}: live performance on reported outcomes`;
  const serving = (v: LivePerformance) => v.version === r.servingVersion;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">Generated ${esc(when(r.generatedAt))} · the last ${r.window} reported outcomes of each version · serving: ${r.servingVersion ? `v${esc(r.servingVersion)}` : 'no model loaded'}</p>
${
  r.versions.length
    ? `<table id="summary"><thead><tr><th>Version</th><th>Outcomes</th><th>Accuracy</th><th>Log loss</th><th>Brier</th><th>ROC-AUC</th><th>First outcome</th><th>Last outcome</th></tr></thead>
<tbody>${r.versions.map((v) => summaryRow(v, serving(v))).join('\n')}</tbody></table>
${r.versions.map((v) => versionSection(v, serving(v))).join('\n')}`
    : '<p id="no-feedback">No outcome has been reported for any version yet: POST /predictions/{id}/feedback records one.</p>'
}
</body></html>
`;
}
