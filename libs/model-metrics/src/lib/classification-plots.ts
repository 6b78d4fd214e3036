import type { CalibrationBin, ConfusionMatrix } from './classification-metrics';
import { escapeHtml as esc } from './html-text';

const fmt = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

/** Reliability diagram: mean predicted vs observed A-win rate per bin, bar widths by bin count. */
export function calibrationSvg(bins: CalibrationBin[], title = 'Calibration (test split)'): string {
  const W = 420;
  const H = 420;
  const m = 50;
  const x = (v: number) => m + v * (W - 2 * m);
  const y = (v: number) => H - m - v * (H - 2 * m);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const points = bins.filter((b) => b.count > 0);
  const bars = bins
    .map((b) => `<rect x="${x(b.lower) + 1}" y="${y((b.count / maxCount) * 0.25)}" width="${x(b.upper) - x(b.lower) - 2}" height="${y(0) - y((b.count / maxCount) * 0.25)}" fill="#cfd8dc"/>`)
    .join('');
  const line = points.map((b) => `${x(b.meanPredicted).toFixed(1)},${y(b.observedRate).toFixed(1)}`).join(' ');
  const dots = points.map((b) => `<circle cx="${x(b.meanPredicted).toFixed(1)}" cy="${y(b.observedRate).toFixed(1)}" r="4" fill="#1565c0"><title>${b.count} rows: predicted ${fmt(b.meanPredicted, 3)}, observed ${fmt(b.observedRate, 3)}</title></circle>`).join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => `<text x="${x(t)}" y="${H - m + 18}" font-size="11" text-anchor="middle">${t}</text><text x="${m - 8}" y="${y(t) + 4}" font-size="11" text-anchor="end">${t}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/><text x="${W / 2}" y="24" font-size="15" text-anchor="middle">${esc(title)}</text>
${bars}<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 4"/>
<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(0)}" stroke="#333"/><line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(1)}" stroke="#333"/>
<polyline points="${line}" fill="none" stroke="#1565c0" stroke-width="2"/>${dots}${ticks}
<text x="${W / 2}" y="${H - 12}" font-size="12" text-anchor="middle">predicted P(A wins)</text>
<text x="14" y="${H / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${H / 2})">observed A-win rate</text></svg>`;
}

export function confusionMatrixSvg(c: ConfusionMatrix, title = 'Confusion matrix (test split)'): string {
  const cells: [string, number, number, number][] = [
    ['A wins / predicted A', c.tp, 0, 0],
    ['B wins or draw / predicted A', c.fp, 1, 0],
    ['A wins / predicted B', c.fn, 0, 1],
    ['B wins or draw / predicted B', c.tn, 1, 1],
  ];
  const total = Math.max(1, c.tp + c.fp + c.fn + c.tn);
  const S = 130;
  const ox = 150;
  const oy = 60;
  const rects = cells
    .map(([label, n, col, row]) => {
      const shade = Math.round(245 - (n / total) * 200);
      return `<rect x="${ox + col * S}" y="${oy + row * S}" width="${S}" height="${S}" fill="rgb(${shade},${shade},255)" stroke="#fff"><title>${esc(label)}: ${n}</title></rect>
<text x="${ox + col * S + S / 2}" y="${oy + row * S + S / 2}" font-size="20" text-anchor="middle">${n}</text>
<text x="${ox + col * S + S / 2}" y="${oy + row * S + S / 2 + 22}" font-size="12" text-anchor="middle">${((n / total) * 100).toFixed(1)}%</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="450" height="370" viewBox="0 0 450 370" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/><text x="225" y="24" font-size="15" text-anchor="middle">${esc(title)}</text>${rects}
<text x="${ox + S / 2}" y="${oy - 8}" font-size="12" text-anchor="middle">actual: A wins</text><text x="${ox + 1.5 * S}" y="${oy - 8}" font-size="12" text-anchor="middle">actual: not A</text>
<text x="${ox - 8}" y="${oy + S / 2}" font-size="12" text-anchor="end">predicted A</text><text x="${ox - 8}" y="${oy + 1.5 * S}" font-size="12" text-anchor="end">predicted B</text></svg>`;
}
