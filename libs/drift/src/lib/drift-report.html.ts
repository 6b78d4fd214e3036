import type { DriftReport, FeatureDrift, FeatureHistogram, FeatureQuality } from './drift-report';
import { escapeHtml as e } from './html-escape';

const REFERENCE_COLOR = '#4c78a8';
const CURRENT_COLOR = '#f58518';
const W = 340;
const H = 150;
const PAD = { left: 8, right: 8, top: 10, bottom: 34 };

function num(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (value !== 0 && Math.abs(value) < 10 ** -digits) return value.toExponential(1);
  return Number(value.toFixed(digits)).toString();
}

function label(histogram: FeatureHistogram, i: number): string {
  return num((histogram.kind === 'values' ? histogram.values : histogram.edges)?.[i], 2);
}

/** One inline SVG histogram: reference and current shares side by side in each bin. */
export function histogramSvg(feature: FeatureDrift): string {
  const h = feature.histogram;
  const n = h.reference.length;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const top = Math.max(1e-9, ...h.reference, ...h.current);
  const slot = plotW / Math.max(1, n);
  const barW = Math.max(1, slot / 2 - 1);
  const bars: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = PAD.left + i * slot;
    for (const [k, share, color, name] of [
      [0, h.reference[i], REFERENCE_COLOR, 'reference'],
      [1, h.current[i], CURRENT_COLOR, 'current'],
    ] as const) {
      const bh = (share / top) * plotH;
      bars.push(
        `<rect class="bar ${name}" x="${(x + k * (barW + 0.5)).toFixed(2)}" y="${(PAD.top + plotH - bh).toFixed(2)}" width="${barW.toFixed(2)}" height="${bh.toFixed(2)}" fill="${color}"><title>${e(`${name} ${label(h, i)}: ${num(share * 100, 1)}%`)}</title></rect>`,
      );
    }
  }
  const axisY = PAD.top + plotH;
  const ticks =
    h.kind === 'values'
      ? (h.values ?? []).map((_, i) => `<text x="${(PAD.left + (i + 0.5) * slot).toFixed(2)}" y="${axisY + 14}" text-anchor="middle">${e(label(h, i))}</text>`).join('')
      : `<text x="${PAD.left}" y="${axisY + 14}" text-anchor="start">${e(label(h, 0))}</text><text x="${W - PAD.right}" y="${axisY + 14}" text-anchor="end">${e(label(h, n))}</text>`;
  const title = `${feature.feature}: reference vs current`;
  return [
    `<svg class="histogram" data-feature="${e(feature.feature)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${e(title)}">`,
    `<title>${e(title)}</title>`,
    `<line x1="${PAD.left}" y1="${axisY}" x2="${W - PAD.right}" y2="${axisY}" stroke="#999"/>`,
    bars.join(''),
    `<g class="ticks" font-size="10" fill="#555">${ticks}</g>`,
    `<g class="legend" font-size="10"><rect x="${PAD.left}" y="${H - 12}" width="10" height="8" fill="${REFERENCE_COLOR}"/><text x="${PAD.left + 14}" y="${H - 4}">reference</text>`,
    `<rect x="${PAD.left + 80}" y="${H - 12}" width="10" height="8" fill="${CURRENT_COLOR}"/><text x="${PAD.left + 94}" y="${H - 4}">current</text></g>`,
    `</svg>`,
  ].join('');
}

function severity(f: FeatureDrift): number {
  if (Number.isNaN(f.score) || f.score === null) return -1;
  return f.scoreType === 'distance' ? f.score / f.threshold : f.threshold / Math.max(f.score, 1e-300);
}

function driftRow(f: FeatureDrift): string {
  return `<tr class="${f.drifted ? 'drifted' : ''}"><td><a href="#f-${e(encodeURIComponent(f.feature))}">${e(f.feature)}</a></td><td>${e(f.testLabel)}</td><td class="n">${num(f.score, 4)}</td><td class="n">${num(f.threshold)}</td><td>${f.drifted ? 'drift' : 'ok'}</td><td class="n">${num(f.psi)}</td><td class="n">${num(f.referenceMean)}</td><td class="n">${num(f.currentMean)}</td><td class="n">${f.uniqueValues}</td></tr>`;
}

function qualityRow(q: FeatureQuality): string {
  const unseen = q.unseenCategories ? `${q.unseenCategories.rows}${q.unseenCategories.values.length ? ` (${q.unseenCategories.values.map((v) => num(v)).join(', ')})` : ''}` : '—';
  return `<tr><td>${e(q.feature)}</td><td class="n">${q.missing.reference}</td><td class="n">${q.missing.current}</td><td class="n">${q.outOfRange.below}</td><td class="n">${q.outOfRange.above}</td><td class="n">${num(q.outOfRange.referenceMin)} – ${num(q.outOfRange.referenceMax)}</td><td>${e(unseen)}</td></tr>`;
}

const STYLE = `
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555;margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:20px}.card.alert{border-color:#d62728;background:#fdecea}.card.ok{border-color:#2ca02c;background:#eaf7ea}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 8px;text-align:left}
th{background:#f6f6f6;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.drifted td{background:#fdecea}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:12px}
figure{margin:0;border:1px solid #eee;border-radius:6px;padding:8px}figure.drifted{border-color:#d62728}
figcaption{font-size:12px;margin-bottom:4px}figcaption b{font-size:13px}
svg text{font-family:inherit}
`;

/**
 * The drift report as one self-contained HTML page: inline CSS and SVG only (no script, no external
 * asset), every piece of text escaped. Sections: summary, per-feature tests, a histogram per
 * feature (reference vs current), data quality.
 */
export function renderDriftReportHtml(report: DriftReport, options: { title?: string } = {}): string {
  const title = options.title ?? 'PredictionDex data drift report';
  const ordered = [...report.features].sort((a, b) => Number(b.drifted) - Number(a.drifted) || severity(b) - severity(a));
  const q = report.quality;
  const issues = q.features.filter((f) => f.missing.current > 0 || f.outOfRange.below + f.outOfRange.above > 0 || (f.unseenCategories?.rows ?? 0) > 0);
  const window = [report.current.from, report.current.to].filter(Boolean).join(' → ');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(title)}</h1>
<p class="meta">Generated ${e(report.generatedAt)}${report.reference.source ? ` · reference: ${e(report.reference.source)}` : ''}${window ? ` · window: ${e(window)}` : ''}</p>
<section id="summary"><div class="cards">
<div class="card ${report.datasetDrift ? 'alert' : 'ok'}" id="dataset-drift"><span>Dataset drift</span><b>${report.datasetDrift ? 'DETECTED' : 'not detected'}</b></div>
<div class="card"><span>Drifted features</span><b>${report.driftedFeatures} / ${report.featureCount}</b></div>
<div class="card"><span>Drift share (threshold ${num(report.driftShareThreshold, 2)})</span><b>${num(report.driftShare)}</b></div>
<div class="card"><span>Reference rows</span><b>${report.reference.rows}</b></div>
<div class="card"><span>Current rows</span><b>${report.current.rows}</b></div>
</div></section>
<h2>Feature drift</h2>
<table id="drift-table"><thead><tr><th>Feature</th><th>Test</th><th>Score</th><th>Threshold</th><th>Result</th><th>PSI</th><th>Ref. mean</th><th>Cur. mean</th><th>Values</th></tr></thead>
<tbody>${ordered.map(driftRow).join('\n')}</tbody></table>
<h2>Distributions</h2>
<div class="grid" id="histograms">
${ordered
  .map(
    (f) =>
      `<figure id="f-${e(encodeURIComponent(f.feature))}" class="${f.drifted ? 'drifted' : ''}"><figcaption><b>${e(f.feature)}</b> · ${e(f.testLabel)} ${num(f.score, 4)} (threshold ${num(f.threshold)}) · PSI ${num(f.psi)} · ${f.drifted ? 'drift' : 'no drift'}</figcaption>${histogramSvg(f)}</figure>`,
  )
  .join('\n')}
</div>
<h2>Data quality</h2>
<div class="cards" id="quality-summary">
<div class="card"><span>Missing values (current)</span><b>${q.missingCells}</b></div>
<div class="card"><span>Out of reference range</span><b>${q.outOfRangeCells}</b></div>
<div class="card"><span>Unseen categories</span><b>${q.unseenCategoryCells}</b></div>
<div class="card"><span>Malformed rows skipped</span><b>${q.malformedRows}</b></div>
<div class="card"><span>Features with issues</span><b>${q.featuresWithIssues} / ${q.features.length}</b></div>
</div>
${
  issues.length
    ? `<table id="quality-table"><thead><tr><th>Feature</th><th>Missing (ref.)</th><th>Missing (cur.)</th><th>Below ref. min</th><th>Above ref. max</th><th>Reference range</th><th>Unseen categories (rows, values)</th></tr></thead><tbody>${issues.map(qualityRow).join('\n')}</tbody></table>`
    : '<p id="quality-ok">No missing values, no value outside the reference range, no unseen category.</p>'
}
</body></html>
`;
}
