import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chartPoints, yDomain } from '../components/metric-chart';
import { error, fakeBff } from '../test/fake-bff';
import { ABOUT, ALL_POKEMON, BUILD_JOBS, DECISIONS, ETL_RUNS, MODEL_INFO, MOVES, PERFORMANCE, VERSIONS } from '../test/fixtures';
import { decisionFigures } from '../components/decision-list';
import { renderAt } from '../test/render';
import AboutPage from './about-page';
import ModelPage from './model-page';
import PipelinePage from './pipeline-page';

describe('Model page', () => {
  it('shows the serving model, its plots as images, and the version history as a chart', async () => {
    fakeBff({ 'GET /bff/predict/model-info': () => MODEL_INFO, 'GET /bff/model/versions': () => VERSIONS, 'GET /bff/monitoring/performance': () => PERFORMANCE, 'GET /bff/monitoring/decisions': () => DECISIONS });
    renderAt('/model', <ModelPage />);
    expect((await screen.findByTestId('model-version')).textContent).toBe('v3');
    expect(screen.getByRole('row', { name: 'test_accuracy 0.9300' })).toBeTruthy();
    const calibration = screen.getByRole('img', { name: /Calibration plot of model v3/ });
    expect(calibration.tagName).toBe('IMG');
    expect(calibration.getAttribute('src')).toBe(`/bff/model/runs/${'c'.repeat(32)}/evaluation/calibration.svg`);
    expect(screen.getByRole('img', { name: /Confusion matrix of model v3/ }).getAttribute('src')).toMatch(/confusion-matrix\.svg$/);
    fireEvent.error(calibration);
    expect(screen.getByText('Calibration: not available for this run.')).toBeTruthy();

    const chart = await screen.findByRole('img', { name: /^test_accuracy by model version/ });
    expect(chart.getAttribute('aria-label')).toBe('test_accuracy by model version: v1 0.8800, v2 0.9000, v3 0.9300');
    expect(chart.querySelectorAll('circle')).toHaveLength(3);
    fireEvent.change(screen.getByRole('combobox', { name: 'Metric' }), { target: { value: 'test_log_loss' } });
    expect(screen.getByRole('img', { name: /^test_log_loss by model version: v2 0.2500, v3 0.2000$/ })).toBeTruthy();
    expect(screen.getByRole('table', { name: /3 registered versions/ })).toBeTruthy();
  });

  it('shows live performance per version with a link to the HTML report, and the decision audit', async () => {
    const calls = fakeBff({ 'GET /bff/predict/model-info': () => MODEL_INFO, 'GET /bff/model/versions': () => VERSIONS, 'GET /bff/monitoring/performance': () => PERFORMANCE, 'GET /bff/monitoring/decisions': () => DECISIONS });
    renderAt('/model', <ModelPage />);
    const live = await screen.findByRole('table', { name: 'Performance on reported outcomes: the latest 500 per version, v3 serving' });
    const rows = within(live).getAllByRole('row').slice(1);
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['v3 (serving)', '120', '90.0%', '0.2512', '0.0801', '92.0% (last 50)', '2026-01-03 12:00:00 UTC'],
      ['v2', '60', '50.0%', '0.9000', '0.3000', '50.0% (last 50)', '2026-01-02 12:00:00 UTC'],
    ]);
    expect(rows[0].className).toBe('serving');
    const link = screen.getByRole('link', { name: 'Open the performance report' });
    expect(link.getAttribute('href')).toBe('/bff/monitoring/performance/report');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');

    const audit = await screen.findByRole('table', { name: '3 decisions on the serving model, newest first' });
    const decisions = within(audit).getAllByRole('row').slice(1);
    expect(decisions.map((r) => r.querySelector('th')?.textContent)).toEqual(['Rollback', 'Rejected', 'Promoted']);
    expect(decisions[0].textContent).toContain('v4 → v3');
    expect(decisions[1].textContent).toContain('v5 vs v3 → v3 serves');
    expect(decisions[1].textContent).toContain('improvement -0.0600 < 0.001');
    expect(decisions[2].textContent).toContain('feedback, drift');
    expect(decisions[2].textContent).toContain('test log loss: challenger 0.2000 vs champion 0.2500');
    expect(decisions[2].textContent).toContain('feedback: 70 trained on (×5), 30 held out');
    expect(calls.find((c) => c.path === '/bff/monitoring/decisions')?.query.get('limit')).toBe('20');
  });

  it('says when nothing was reported or decided yet, and shows each failure on its own', async () => {
    fakeBff({
      'GET /bff/predict/model-info': () => MODEL_INFO,
      'GET /bff/model/versions': () => VERSIONS,
      'GET /bff/monitoring/performance': () => ({ ...PERFORMANCE, versions: [] }),
      'GET /bff/monitoring/decisions': () => error(503, { statusCode: 503, error: 'Service Unavailable', message: 'the prediction service is unreachable' }),
    });
    renderAt('/model', <ModelPage />);
    expect(await screen.findByText(/No outcome has been reported yet/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the performance report' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toContain('The prediction service is unreachable.');
    expect(decisionFigures({ challenger: { testLogLoss: 'x' }, feedback: { trained: 1 } })).toEqual([]);
  });

  it('says no model serves yet (the api’s own 503), and the registry being down separately', async () => {
    fakeBff({
      'GET /bff/predict/model-info': () => error(503, { statusCode: 503, error: 'Service Unavailable', message: 'no model is loaded yet' }),
      'GET /bff/model/versions': () => error(503, { statusCode: 503, error: 'Service Unavailable', message: 'the model registry is unreachable' }),
    });
    renderAt('/model', <ModelPage />);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0].textContent).toContain('No model is serving yet');
    expect((await screen.findByText(/The model registry is unreachable/)).closest('[role=alert]')?.textContent).toContain('Service unavailable.');
  });

  it('scales the chart around its values', () => {
    expect(yDomain([0.5, 0.95])).toEqual([0, 1]);
    const [lo, hi] = yDomain([0.2, 0.25]);
    expect(lo).toBeLessThan(0.2);
    expect(hi).toBeGreaterThan(0.25);
    expect(chartPoints(VERSIONS.items, 'test_log_loss').map((p) => p.version)).toEqual(['2', '3']);
  });
});

describe('Pipeline page', () => {
  it('lists ETL runs and build jobs with their state and progress, and the tool links', async () => {
    fakeBff({ 'GET /bff/pipeline/etl-runs': () => ETL_RUNS, 'GET /bff/pipeline/build-jobs': () => BUILD_JOBS, 'GET /bff/about': () => ABOUT });
    renderAt('/pipeline', <PipelinePage />);
    const etl = await screen.findByRole('table', { name: 'Latest ETL runs, newest first' });
    const runs = within(etl).getAllByRole('row').slice(1);
    expect(runs[0].textContent).toContain('running');
    expect(runs[0].textContent).toContain('(forced)');
    expect(runs[1].textContent).toContain('succeeded');
    expect(runs[1].textContent).toContain('1.5 s');
    expect(runs[1].textContent).toContain('414');
    expect(runs[1].textContent).toContain('188 / 226');
    const jobs = await screen.findByRole('table', { name: 'Latest jobs of the ml-build queue, newest first' });
    const rows = within(jobs).getAllByRole('row').slice(1);
    expect(rows[0].textContent).toContain('40% train');
    expect(rows[1].textContent).toContain('model v1 (champion)');
    expect(screen.getByText('1 active · 1 completed')).toBeTruthy();
    const links = screen.getByRole('navigation', { name: 'Operations tools' });
    expect(within(links).getByRole('link', { name: 'Queue dashboard' }).getAttribute('href')).toBe('http://api.test/admin/queues');
    expect(within(links).getByRole('link', { name: 'Grafana' }).getAttribute('href')).toBe('http://grafana.test');
    expect(within(links).getByRole('link', { name: 'API docs (OpenAPI)' }).getAttribute('rel')).toContain('noopener');
  });

  it('shows each source’s failure on its own', async () => {
    fakeBff({
      'GET /bff/pipeline/etl-runs': () => error(503, { statusCode: 503, error: 'Service Unavailable', message: 'the ETL run history is unavailable (database unreachable)' }),
      'GET /bff/pipeline/build-jobs': () => BUILD_JOBS,
      'GET /bff/about': () => ({ ...ABOUT, links: { ...ABOUT.links, grafana: null } }),
    });
    renderAt('/pipeline', <PipelinePage />);
    expect((await screen.findByRole('alert')).textContent).toContain('The ETL run history is unavailable (database unreachable).');
    expect(await screen.findByRole('table', { name: /ml-build/ })).toBeTruthy();
    expect(screen.getByText('Grafana (not configured: set GRAFANA_URL)')).toBeTruthy();
  });
});

describe('About page', () => {
  it('shows live counts from the api, the data sources of the loaded Pokédex and the versions', async () => {
    const calls = fakeBff({ 'GET /bff/pipeline/etl-runs': () => ETL_RUNS, 'GET /bff/about': () => ABOUT, 'GET /bff/predict/model-info': () => MODEL_INFO });
    renderAt('/about', <AboutPage />);
    expect((await screen.findByTestId('count-pokemon')).textContent).toBe(String(ALL_POKEMON.length));
    expect(screen.getByTestId('count-moves').textContent).toBe(`${MOVES.length} (${MOVES.filter((m) => m.power !== null).length} with a base power)`);
    expect(calls.some((c) => c.path === '/bff/pokemon' && c.query.get('form') === 'mega')).toBe(true);
    expect(await screen.findByRole('table', { name: 'Sources of the Pokédex loaded by ETL run #1' })).toBeTruthy();
    expect(screen.getByText('@pkmn/sim@0.10.11')).toBeTruthy();
    expect(await screen.findByText('PredictionDex API 1.0.0')).toBeTruthy();
    expect(await screen.findByText('battle-winner v3 (champion)')).toBeTruthy();
  });
});
