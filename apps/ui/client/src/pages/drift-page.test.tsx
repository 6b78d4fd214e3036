import { fireEvent, screen, within } from '@testing-library/react';
import type { DriftCheckDetails, DriftCheckPage, DriftCheckSummary } from '@predictiondex/api-client';
import { describe, expect, it } from 'vitest';
import { apiDown, error, fakeBff } from '../test/fake-bff';
import { renderAt } from '../test/render';
import DriftPage, { formatScore } from './drift-page';

function summary(id: number, over: Partial<DriftCheckSummary> = {}): DriftCheckSummary {
  return {
    id,
    created_at: '2026-03-01T10:00:00.000Z',
    status: 'completed',
    message: null,
    model_name: 'battle-winner',
    model_version: '3',
    run_id: 'c'.repeat(32),
    feature_version: 'lgpe-v1',
    window_start: '2026-02-28T10:00:00.000Z',
    window_end: '2026-03-01T10:00:00.000Z',
    reference_rows: 5000,
    current_rows: 1200,
    feature_count: 4,
    drifted_features: 2,
    drift_share: 0.5,
    dataset_drift: true,
    duration_ms: 310,
    report_url: `/monitoring/reports/${id}`,
    ...over,
  };
}

const LATEST: DriftCheckDetails = {
  ...summary(12),
  features: [
    { feature: 'a_spe', test: 'wasserstein', test_label: 'Wasserstein distance (normed)', score_type: 'distance', score: 0.4321, threshold: 0.1, drifted: true, psi: 0.61 },
    { feature: 'a_type_fire', test: 'jensenshannon', test_label: 'Jensen-Shannon distance', score_type: 'distance', score: 0.15, threshold: 0.1, drifted: true, psi: null },
    { feature: 'a_hp', test: 'wasserstein', test_label: 'Wasserstein distance (normed)', score_type: 'distance', score: 0.02, threshold: 0.1, drifted: false, psi: 0.01 },
    { feature: 'speed_ratio', test: 'wasserstein', test_label: 'Wasserstein distance (normed)', score_type: 'distance', score: 0.0000123, threshold: 0.1, drifted: false, psi: 0 },
  ],
  quality: { malformed_rows: 1, missing_cells: 3, out_of_range_cells: 17, unseen_category_cells: 2, features_with_issues: 5 },
};

const PAGE: DriftCheckPage = {
  items: [
    summary(12),
    summary(11, { status: 'skipped', message: '12 logged predictions (lgpe-v1) since 2026-02-28, fewer than DRIFT_MIN_ROWS=200', drift_share: null, dataset_drift: null, report_url: null, current_rows: 12 }),
    summary(10, { drift_share: 0.25, dataset_drift: false, drifted_features: 1 }),
  ],
  total: 3,
  limit: 20,
  offset: 0,
};

describe('Data drift page', () => {
  it('summarises the latest check: when, rows, drift share, dataset drift, drifted features with test, score and PSI, data quality', async () => {
    const calls = fakeBff({ 'GET /bff/monitoring/drift/latest': () => LATEST, 'GET /bff/monitoring/reports': () => PAGE });
    renderAt('/drift', <DriftPage />);
    expect((await screen.findByTestId('dataset-drift')).textContent).toBe('Yes: a retrain was requested');
    expect(screen.getByTestId('drift-share').textContent).toBe('50.0% (2 of 4 features)');
    expect(screen.getByTestId('drift-rows').textContent).toBe('1200 logged vs 5000 training');
    expect(screen.getByTestId('drift-when').textContent).toBe('2026-03-01 10:00 UTC');

    const drifted = screen.getByRole('table', { name: '2 drifted features of check #12' });
    const rows = within(drifted).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['a_speWasserstein distance (normed)0.4321≥ 0.10.6100yes', 'a_type_fireJensen-Shannon distance0.1500≥ 0.1—yes']);
    // Every feature is one click away, in a table of its own.
    const all = screen.getByRole('table', { name: 'Every feature of check #12, drifted first' });
    expect(within(all).getAllByRole('row')).toHaveLength(5);
    expect(within(all).getByRole('row', { name: /speed_ratio/ }).textContent).toContain('1.23e-5');

    const quality = screen.getByLabelText('Data quality of the logged predictions');
    expect(within(quality).getByText('Out of the training range').nextSibling?.textContent).toBe('17');
    expect(within(quality).getByText('Missing values').nextSibling?.textContent).toBe('3');

    const report = screen.getByRole('link', { name: 'Full report of check #12' });
    expect(report.getAttribute('href')).toBe('/bff/monitoring/reports/12');
    expect(report.getAttribute('target')).toBe('_blank');
    expect(report.getAttribute('rel')).toContain('noopener');

    const recent = screen.getByRole('table', { name: 'Latest 3 of 3 drift checks, newest first' });
    const checks = within(recent).getAllByRole('row').slice(1);
    expect(checks[0].textContent).toContain('completed');
    expect(within(checks[0]).getByRole('link', { name: 'Report #12' }).getAttribute('href')).toBe('/bff/monitoring/reports/12');
    expect(checks[1].textContent).toContain('skipped');
    expect(checks[1].textContent).toContain('fewer than DRIFT_MIN_ROWS=200');
    expect(within(checks[1]).queryByRole('link')).toBeNull();
    expect(checks[2].textContent).toContain('25.0%');
    expect(calls.find((c) => c.path === '/bff/monitoring/reports')?.query.get('limit')).toBe('20');
  });

  it('says "no drift check yet" as a normal state (the api’s 404 and its reason), not as an error', async () => {
    fakeBff({
      'GET /bff/monitoring/drift/latest': () => error(404, { statusCode: 404, error: 'Not Found', message: 'no completed drift check yet: a check needs at least 200 predictions logged in the last 24 h and a served model' }),
      'GET /bff/monitoring/reports': () => ({ items: [], total: 0, limit: 20, offset: 0 }),
    });
    renderAt('/drift', <DriftPage />);
    const empty = await screen.findByTestId('no-drift-check');
    expect(empty.textContent).toBe('No drift check yet. No completed drift check yet: a check needs at least 200 predictions logged in the last 24 h and a served model.');
    expect(await screen.findByText('No check stored yet.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows an outage with a Retry button, and recovers', async () => {
    apiDown();
    renderAt('/drift', <DriftPage />);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0].textContent).toContain('Service unavailable.');
    expect(alerts[0].textContent).toContain('The prediction service is unreachable.');
    fakeBff({ 'GET /bff/monitoring/drift/latest': () => LATEST, 'GET /bff/monitoring/reports': () => PAGE });
    fireEvent.click(within(alerts[0]).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('dataset-drift')).textContent).toBe('Yes: a retrain was requested');
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await screen.findByRole('table', { name: /drift checks, newest first/ })).toBeTruthy();
  });

  it('shows any other error of the api as an error, with its message', async () => {
    fakeBff({
      'GET /bff/monitoring/drift/latest': () => error(502, { statusCode: 502, error: 'Bad Gateway', message: 'the prediction service refused the ui (check UI_API_KEY and its scopes)' }),
      'GET /bff/monitoring/reports': () => PAGE,
    });
    renderAt('/drift', <DriftPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('refused the ui');
    expect(screen.queryByTestId('no-drift-check')).toBeNull();
  });

  it('writes tiny scores in scientific notation and missing ones as a dash', () => {
    expect(formatScore(0.5)).toBe('0.5000');
    expect(formatScore(0)).toBe('0.0000');
    expect(formatScore(2.5e-9)).toBe('2.50e-9');
    expect(formatScore(null)).toBe('—');
  });
});
