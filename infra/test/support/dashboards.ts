import fs from 'node:fs';
import path from 'node:path';
import { GRAFANA_DIR } from './observability-paths';

export interface PanelTarget {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
  legendFormat?: string;
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  targets?: PanelTarget[];
  gridPos: { h: number; w: number; x: number; y: number };
}

export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  [key: string]: unknown;
}

export const DASHBOARDS_DIR = path.join(GRAFANA_DIR, 'dashboards');

export function dashboards(): { file: string; dashboard: Dashboard }[] {
  return fs
    .readdirSync(DASHBOARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, dashboard: JSON.parse(fs.readFileSync(path.join(DASHBOARDS_DIR, file), 'utf8')) as Dashboard }));
}

export interface PanelQuery {
  dashboard: string;
  panel: string;
  refId: string;
  expr: string;
}

/** Every panel query of every dashboard. */
export function panelQueries(): PanelQuery[] {
  return dashboards().flatMap(({ dashboard }) =>
    dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ dashboard: dashboard.title, panel: p.title, refId: t.refId, expr: t.expr }))),
  );
}

/** Grafana's query macros replaced by fixed windows, so the expression runs on Prometheus' own API. */
export function withGrafanaMacros(expr: string, windows: { rateInterval?: string; range?: string; interval?: string } = {}): string {
  return expr
    .replace(/\$__rate_interval/g, windows.rateInterval ?? '1m')
    .replace(/\$__range/g, windows.range ?? '10m')
    .replace(/\$__interval/g, windows.interval ?? '15s');
}

/** Metric names an expression reads (selectors), without functions, grouping labels or keywords. */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'Inf', 'NaN']);
  const names: string[] = [];
  for (const m of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const next = stripped.slice(m.index! + m[0].length).trimStart()[0];
    // A name followed by "(" is a function (rate, sum, histogram_quantile...).
    if (next !== '(' && !keywords.has(m[0])) names.push(m[0]);
  }
  return [...new Set(names)];
}
