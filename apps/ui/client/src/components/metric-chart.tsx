import type { ModelVersionSummary } from '@bff-contract';

export interface ChartPoint {
  version: string;
  value: number;
  aliases: string[];
}

export function chartPoints(items: ModelVersionSummary[], metric: string): ChartPoint[] {
  return items
    .filter((v) => Number.isFinite(v.metrics[metric]))
    .map((v) => ({ version: v.version, value: v.metrics[metric], aliases: v.aliases }))
    .sort((a, b) => Number(a.version) - Number(b.version));
}

/** Nice bounds around the values (metrics in [0, 1] keep that scale when close to it). */
export function yDomain(values: number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (lo >= 0 && hi <= 1 && hi - lo > 0.2) return [0, 1];
  const pad = (hi - lo || Math.abs(hi) || 1) * 0.15;
  return [lo - pad, hi + pad];
}

const W = 640;
const H = 260;
const M = { top: 16, right: 20, bottom: 40, left: 56 };

/**
 * One metric across model versions: an SVG line chart drawn with React elements (no library, no
 * HTML string). The values are also in the table below it, for screen readers and copy-paste.
 */
export function MetricChart({ points, metric }: { points: ChartPoint[]; metric: string }) {
  if (points.length === 0) return <p className="muted">No version has {metric}.</p>;
  const [y0, y1] = yDomain(points.map((p) => p.value));
  const x = (i: number) => M.left + (points.length === 1 ? (W - M.left - M.right) / 2 : (i * (W - M.left - M.right)) / (points.length - 1));
  const y = (v: number) => M.top + (1 - (v - y0) / (y1 - y0 || 1)) * (H - M.top - M.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => y0 + t * (y1 - y0));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${metric} by model version: ${points.map((p) => `v${p.version} ${p.value.toFixed(4)}`).join(', ')}`}>
      {ticks.map((t) => (
        <g key={t}>
          <line className="grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
          <text className="tick" x={M.left - 8} y={y(t) + 4} textAnchor="end">
            {t.toFixed(3)}
          </text>
        </g>
      ))}
      {points.map((p, i) => (
        <text key={p.version} className="tick" x={x(i)} y={H - M.bottom + 18} textAnchor="middle">
          v{p.version}
        </text>
      ))}
      <text className="axis-label" x={(W + M.left) / 2} y={H - 4} textAnchor="middle">
        model version
      </text>
      <path className="line" d={path} />
      {points.map((p, i) => (
        <circle key={p.version} className={p.aliases.length ? 'point aliased' : 'point'} cx={x(i)} cy={y(p.value)} r={5}>
          <title>
            v{p.version}
            {p.aliases.length ? ` (${p.aliases.join(', ')})` : ''}: {p.value.toFixed(4)}
          </title>
        </circle>
      ))}
    </svg>
  );
}
