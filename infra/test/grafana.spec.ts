import fs from 'node:fs';
import path from 'node:path';
import { readYaml } from './support/configs';
import { dashboards, metricNames, panelQueries } from './support/dashboards';
import { GRAFANA_DIR } from './support/observability-paths';

const DATASOURCE = { type: 'prometheus', uid: 'prometheus' };

describe('Grafana provisioning', () => {
  it('provisions one Prometheus datasource with the uid every panel uses, not editable', () => {
    const ds = readYaml<{ datasources: Record<string, unknown>[] }>(path.join(GRAFANA_DIR, 'provisioning/datasources/prometheus.yml'));
    expect(ds.datasources).toEqual([expect.objectContaining({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090', isDefault: true, editable: false })]);
  });

  it('provisions the dashboards folder read-only', () => {
    const p = readYaml<{ providers: { type: string; allowUiUpdates: boolean; options: { path: string } }[] }>(path.join(GRAFANA_DIR, 'provisioning/dashboards/predictiondex.yml'));
    expect(p.providers).toEqual([expect.objectContaining({ type: 'file', allowUiUpdates: false, options: expect.objectContaining({ path: '/var/lib/grafana/dashboards' }) })]);
  });

  it('has no anonymous access, no sign-up and no default admin password', () => {
    const ini = fs.readFileSync(path.join(GRAFANA_DIR, 'grafana.ini'), 'utf8');
    const section = (name: string) => new RegExp(`\\[${name.replace('.', '\\.')}\\]([^[]*)`).exec(ini)?.[1] ?? '';
    expect(section('auth.anonymous')).toMatch(/^\s*enabled\s*=\s*false\s*$/m);
    expect(section('users')).toMatch(/^\s*allow_sign_up\s*=\s*false\s*$/m);
    const password = /^\s*admin_password\s*=\s*(.*)$/m.exec(section('security'))?.[1].trim();
    // Only a reference to a secret: Grafana refuses to start when the file is missing.
    expect(password).toMatch(/^\$__file\{\/run\/secrets\/[a-z_]+\}$/);
    expect(ini).not.toMatch(/^\s*org_role\s*=\s*Admin/m);
  });
});

describe.each(dashboards().map((d) => [d.dashboard.title, d] as const))('dashboard "%s"', (_title, { file, dashboard }) => {
  it('has a unique uid, a title, and panels with unique ids and titles inside the 24-column grid', () => {
    expect(dashboard.uid).toMatch(/^predictiondex-[a-z]+$/);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(6);
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const titles = dashboard.panels.map((p) => p.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const p of dashboard.panels) {
      expect(p.title.trim()).not.toBe('');
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      expect(p.gridPos.h).toBeGreaterThan(0);
    }
    expect(file).toMatch(/^[a-z-]+\.json$/);
  });

  it('every panel has the Prometheus datasource and at least one PromQL query', () => {
    for (const p of dashboard.panels) {
      expect([p.title, p.datasource]).toEqual([p.title, DATASOURCE]);
      expect([p.title, (p.targets ?? []).length > 0]).toEqual([p.title, true]);
      for (const t of p.targets ?? []) {
        expect([p.title, t.datasource]).toEqual([p.title, DATASOURCE]);
        expect(t.expr.trim().length).toBeGreaterThan(0);
        expect(t.refId).toMatch(/^[A-Z]$/);
        // Balanced parentheses and braces: a cheap syntax check before the Prometheus one (scrape test).
        expect([p.title, [...t.expr].filter((c) => c === '(').length]).toEqual([p.title, [...t.expr].filter((c) => c === ')').length]);
      }
    }
  });
});

describe('dashboards together', () => {
  it('are the four the issue asks for, with distinct uids', () => {
    const all = dashboards().map((d) => d.dashboard);
    expect(all.map((d) => d.title).sort()).toEqual(['API Performance', 'Data Drift', 'Model Performance', 'Pipeline & Queues']);
    expect(new Set(all.map((d) => d.uid)).size).toBe(4);
  });

  it('read only bounded labels: never a raw path, an id or a user value', () => {
    for (const q of panelQueries()) {
      expect([q.panel, q.expr]).not.toEqual([q.panel, expect.stringMatching(/by \([^)]*\b(path|url|id|user|key_value)\b/)]);
    }
  });

  it('use the metric names the services export', () => {
    const names = new Set(panelQueries().flatMap((q) => metricNames(q.expr)));
    for (const n of ['api_requests_total', 'api_request_duration_seconds_bucket', 'api_errors_total', 'model_predictions_total', 'model_prediction_duration_seconds_bucket', 'model_confidence_score_sum', 'model_win_probability_bucket', 'queue_jobs', 'ml_build_stage_duration_seconds_sum', 'ml_model_metric', 'battles_simulated_total', 'etl_rows_loaded_total', 'etl_run_duration_seconds_sum', 'mlflow_proxy_requests_total', 'data_drift_share', 'feature_drift_score', 'feature_psi', 'data_quality_missing_values', 'node_cpu_seconds_total']) {
      expect([n, names.has(n)]).toEqual([n, true]);
    }
  });
});
