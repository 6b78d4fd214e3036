import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '@predictiondex/testing';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { Client } from 'pg';
import { ADMIN_KEY, startStack, Stack, UI_KEY } from './stack';

const SHOTS = path.join(WORKSPACE_ROOT, 'tmp/screenshots/ui');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

describe('ui end to end: headless Chromium against the ui, api, mlflow-proxy, a loaded database and trained models', () => {
  let stack: Stack;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  /** Console errors, failed same-origin requests and CSP violations seen by the browser. */
  const problems: string[] = [];
  const offHost: string[] = [];

  /** The api, called directly with the ui's key: the reference the pages are checked against. */
  const api = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${stack.apiUrl}${p}`, { headers: { 'x-api-key': UI_KEY } });
    if (!res.ok) throw new Error(`api ${p}: ${res.status}`);
    return (await res.json()) as T;
  };

  const shot = async (name: string) => {
    const file = path.join(SHOTS, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  };

  const open = async (p: string) => {
    await page.goto(`${stack.uiUrl}${p}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
  };

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    stack = await startStack('ui');
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-ui-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
    // Tests never leave 127.0.0.1: anything else (a sprite host) is refused, and the page must cope.
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      offHost.push(url.hostname);
      return route.abort();
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
    await stack?.teardown();
  });

  it('renders every page with real data, without a console error or CSP violation', async () => {
    const pokemon = await api<{ total: number }>('/pokemon?limit=1');
    const moves = await api<{ total: number }>('/moves?limit=1');
    const [pikachu] = (await api<{ items: { id: number; name: string; stats: { total: number } }[] }>('/pokemon/search?name=Pikachu')).items;
    const info = await api<{ version: string; run_id: string }>('/predict/model-info');

    await open('/battle');
    await page.getByRole('combobox', { name: 'Pokémon A (yours)' }).waitFor();
    await shot('battle');

    await open('/moves');
    await page.getByText(`${moves.total} of ${moves.total} moves`).waitFor();
    expect(await page.locator('table.data tbody tr').count()).toBe(moves.total);
    await page.getByRole('combobox', { name: 'Type' }).selectOption('Electric');
    await page.getByRole('button', { name: /^Power/ }).click();
    expect(await page.locator('table.data tbody tr').first().locator('td').first().textContent()).toBe('Electric');
    await shot('moves');

    await open('/pokemon');
    await page.getByText(`${pokemon.total} of ${pokemon.total} Pokémon`).waitFor();
    expect(await page.locator('.pokemon-grid a').count()).toBe(pokemon.total);
    await shot('pokemon-list');

    await open(`/pokemon/${pikachu.id}`);
    await page.getByRole('heading', { level: 1, name: 'Pikachu' }).waitFor();
    await page.getByText(new RegExp(`^Total ${pikachu.stats.total}, rank \\d+ of ${pokemon.total}\\.$`)).waitFor();
    const learnset = page.getByRole('table', { name: 'Moves Pikachu can learn' });
    expect(await learnset.locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await learnset.getByText('STAB').count()).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: 'Pikachu (no sprite)' }).count()).toBe(1);
    await shot('pokemon-detail');

    await open('/types');
    const matrix = page.getByRole('table', { name: /Attacking type \(row\)/ });
    // The heading renders before the chart's data: wait for the rows, then count them.
    await matrix.locator('tbody tr').first().waitFor();
    expect(await matrix.locator('tbody tr').count()).toBe(18);
    expect(await matrix.getByTitle('Fire → Grass: 2× (super effective)').textContent()).toBe('2×');
    expect(await matrix.getByTitle('Normal → Ghost: 0× (no effect)').textContent()).toBe('0×');
    await shot('types');

    await open('/quiz');
    await page.getByTestId('quiz-question').waitFor({ state: 'attached' });
    await shot('quiz');

    await open('/model');
    await page.getByTestId('model-version').getByText(`v${info.version}`).waitFor();
    const calibration = page.getByRole('img', { name: /Calibration plot/ });
    await calibration.waitFor();
    // Browser-side code as a string: this file is type-checked for Node, without the DOM library.
    await page.waitForFunction("[...document.querySelectorAll('.plot img')].every((i) => i.complete && i.naturalWidth > 0)");
    expect(await calibration.getAttribute('src')).toBe(`/bff/model/runs/${info.run_id}/evaluation/calibration.svg`);
    const chart = page.getByRole('img', { name: /by model version/ });
    await chart.waitFor();
    expect(await chart.locator('circle').count()).toBe(2);
    expect(await page.getByRole('table', { name: /2 registered versions of battle-winner/ }).count()).toBe(1);
    await shot('model');

    await open('/pipeline');
    const etl = page.getByRole('table', { name: 'Latest ETL runs, newest first' });
    await etl.waitFor();
    expect(await etl.locator('tbody tr').first().textContent()).toContain(`#${stack.etlRunId}succeeded`);
    const jobs = page.getByRole('table', { name: /ml-build queue/ });
    const job = jobs.locator('tbody tr', { hasText: stack.buildJobId });
    expect(await job.textContent()).toContain('completed');
    expect(await job.textContent()).toContain('100%');
    expect(await job.textContent()).toMatch(/model v1/);
    expect(await page.getByRole('link', { name: 'API docs (OpenAPI)' }).getAttribute('href')).toBe(`${stack.apiUrl}/docs`);
    expect(await page.getByRole('link', { name: 'Grafana' }).getAttribute('href')).toBe('http://127.0.0.1:3001/d/predictiondex');
    await shot('pipeline');

    await open('/about');
    await page.getByTestId('count-pokemon').getByText(String(pokemon.total), { exact: true }).waitFor();
    await page.getByRole('table', { name: /Sources of the Pokédex loaded by ETL run/ }).waitFor();
    await page.getByText(`battle-winner v${info.version}`).waitFor();
    await shot('about');

    expect(problems).toEqual([]);
  });

  it('predicts from two picked Pokémon (keyboard only for B) to ranked moves, and checks with the engine', async () => {
    await open('/battle');
    const a = page.getByRole('combobox', { name: 'Pokémon A (yours)' });
    await a.fill('Pikachu');
    await page.getByRole('option', { name: /^#25 Pikachu Electric$/ }).click();
    const b = page.getByRole('combobox', { name: 'Pokémon B (opponent)' });
    await b.focus();
    await page.keyboard.type('Charizard');
    await page.keyboard.press('Enter');
    await page.getByRole('article', { name: 'B: Charizard' }).waitFor();
    await page.getByRole('table', { name: 'Damage each attacking type does to A and B' }).waitFor();
    expect(page.url()).toMatch(/\?a=\d+&b=\d+$/);

    const movesA = page.getByRole('group', { name: 'A’s moves (Pikachu)' });
    expect(await movesA.getByRole('checkbox', { checked: true }).count()).toBe(4);
    await page.getByRole('button', { name: 'Predict the best move' }).click();
    const ranked = page.getByRole('table', { name: 'Pikachu’s moves against Charizard, best first' });
    await ranked.waitFor();
    const rows = ranked.locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const probabilities = await ranked.locator('td.prob .bar-text').allTextContents();
    const values = probabilities.map((t) => Number(t.replace('%', '')));
    expect(values.every((v) => v >= 0 && v <= 100)).toBe(true);
    expect([...values].sort((x, y) => y - x)).toEqual(values);
    await page.getByText(/^Best move for Pikachu:/).waitFor();
    await shot('battle-prediction');

    await page.getByRole('button', { name: 'Simulate 100 battles' }).click();
    const engine = page.getByText(/^Engine: Pikachu won \d+ of \d+ battles$/);
    await engine.waitFor({ timeout: 30_000 });
    const [, won, played] = (await engine.textContent())!.match(/won (\d+) of (\d+)/)!.map(Number);
    expect(played).toBeGreaterThan(0);
    expect(won).toBeLessThanOrEqual(played);
    await page.getByText(/^The model (agrees|disagrees) with the engine’s majority winner\.$/).waitFor();
    await shot('battle-engine-check');
    expect(problems).toEqual([]);
  });

  it('shows the drift of real predictions: none yet, then a check the api ran on them, and its report through the BFF', async () => {
    const before = problems.length;
    await open('/drift');
    await page.getByTestId('no-drift-check').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // "No check yet" is the api's 404, which Chromium logs as a failed resource: that one is expected.
    const seen = problems.splice(before);
    expect(seen.filter((p) => !(p.includes('status of 404') && p.includes('/bff/monitoring/drift/latest')))).toEqual([]);

    // Predictions through the api with the ui's key (the api logs their feature rows)...
    const { items } = await api<{ items: { id: number }[] }>('/pokemon?limit=60');
    let predicted = 0;
    for (let i = 0; i + 1 < items.length && predicted < 30; i += 2) {
      const learnset = await api<{ items: { move: { id: number; battle_move: boolean } }[] }>(`/pokemon/${items[i].id}/moves`);
      const moves = learnset.items.filter((m) => m.move.battle_move).slice(0, 3).map((m) => m.move.id);
      if (!moves.length) continue;
      const res = await fetch(`${stack.apiUrl}/predict/best-move`, {
        method: 'POST',
        headers: { 'x-api-key': UI_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ pokemon_a_id: items[i].id, pokemon_b_id: items[i + 1].id, available_moves: moves }),
      });
      if (res.ok) predicted++;
    }
    expect(predicted).toBeGreaterThanOrEqual(20);
    // ...then an operator runs a check (admin key; the ui itself cannot), consumed by the api.
    const pg = new Client({ connectionString: stack.db.url });
    await pg.connect();
    try {
      for (let i = 0; i < 50 && (await pg.query('SELECT count(*)::int AS n FROM prediction_log')).rows[0].n < predicted; i++) await new Promise((r) => setTimeout(r, 200));
    } finally {
      await pg.end();
    }
    const queued = await fetch(`${stack.apiUrl}/monitoring/drift/check`, { method: 'POST', headers: { 'x-api-key': ADMIN_KEY } });
    expect(queued.status).toBe(202);
    let latest: { id: number; current_rows: number; reference_rows: number; drifted_features: number; feature_count: number } | undefined;
    for (let i = 0; i < 60 && !latest; i++) {
      const res = await fetch(`${stack.apiUrl}/monitoring/drift/latest`, { headers: { 'x-api-key': UI_KEY } });
      if (res.ok) latest = (await res.json()) as typeof latest;
      else await new Promise((r) => setTimeout(r, 500));
    }
    if (!latest) throw new Error(`no completed drift check:\n${stack.logs['api']().slice(-3000)}`);
    expect(latest.current_rows).toBeGreaterThanOrEqual(20);

    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('dataset-drift').waitFor();
    expect(await page.getByTestId('drift-rows').textContent()).toBe(`${latest.current_rows} logged vs ${latest.reference_rows} training`);
    expect(await page.getByTestId('drift-share').textContent()).toContain(`(${latest.drifted_features} of ${latest.feature_count} features)`);
    const recent = page.getByRole('table', { name: /drift checks, newest first/ });
    expect(await recent.locator('tbody tr').first().textContent()).toContain(`#${latest.id}completed`);
    const link = page.getByRole('link', { name: `Full report of check #${latest.id}` });
    expect(await link.getAttribute('href')).toBe(`/bff/monitoring/reports/${latest.id}`);
    await shot('drift');

    // The report is its own document under the api's strict CSP: it renders with nothing blocked.
    const report = await page.goto(`${stack.uiUrl}/bff/monitoring/reports/${latest.id}`);
    expect(report?.status()).toBe(200);
    expect(report?.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(report?.headers()['x-content-type-options']).toBe('nosniff');
    await page.getByText(`PredictionDex drift check #${latest.id}`).first().waitFor();
    expect(await page.locator('svg.histogram').count()).toBe(latest.feature_count);
    await shot('drift-report');
    expect(problems).toEqual([]);
  });

  it('reports the real outcome of a prediction, then sees it, a rollback and the HTML report on the model page', async () => {
    const [pikachu] = (await api<{ items: { id: number }[] }>('/pokemon/search?name=Pikachu')).items;
    const [charizard] = (await api<{ items: { id: number }[] }>('/pokemon/search?name=Charizard')).items;
    const before = (await api<{ version: string }>('/predict/model-info')).version;
    await open(`/battle?a=${pikachu.id}&b=${charizard.id}`);
    await page.getByRole('button', { name: 'Predict the best move' }).click();
    const report = page.getByRole('region', { name: 'Report the real outcome' });
    await report.waitFor();
    await report.getByRole('button', { name: 'A won' }).click();
    await report.getByRole('status').getByText(/^Thanks: recorded that A won \(Pikachu\)\./).waitFor();
    expect(await report.getByRole('button', { name: 'A won' }).getAttribute('aria-pressed')).toBe('true');
    const seenBefore = problems.length;
    await report.getByRole('button', { name: 'B won' }).click();
    await report.getByRole('alert').getByText('Not recorded: the outcome of this prediction is already recorded as A won (Pikachu), and a recorded outcome cannot be changed.').waitFor();
    // Chromium logs every non-2xx fetch; this 409 is the one the test asked for (and the page shows).
    expect(problems.splice(seenBefore)).toEqual([expect.stringMatching(/^console: Failed to load resource: the server responded with a status of 409 \(Conflict\) \(http:\/\/[^)]+\/bff\/predictions\/[0-9a-f-]+\/feedback\)$/)]);
    await shot('battle-feedback');
    const live = await api<{ versions: { version: string; samples: number }[] }>(`/monitoring/performance?version=${before}`);
    expect(live.versions[0].samples).toBe(1);

    // An operator rolls the champion back to the other version: a decision the model page shows.
    const target = before === '1' ? '2' : '1';
    const rollback = await stack.mlBuilder(['rollback', target, '--reason', 'ui e2e rollback']);
    expect(rollback.code).toBe(0);
    for (let i = 0; i < 150 && (await api<{ version: string }>('/predict/model-info')).version !== target; i++) await new Promise((r) => setTimeout(r, 200));
    expect((await api<{ version: string }>('/predict/model-info')).version).toBe(target);

    await open('/model');
    await page.getByTestId('model-version').getByText(`v${target}`).waitFor();
    const performance = page.getByRole('table', { name: `Performance on reported outcomes: the latest 500 per version, v${target} serving` });
    await performance.waitFor();
    const row = performance.locator('tbody tr', { hasText: `v${before}` });
    expect(await row.locator('td').first().textContent()).toBe('1');
    const decisions = page.getByRole('table', { name: /^1 decision on the serving model, newest first/ });
    await decisions.waitFor();
    const rolledBack = decisions.locator('tbody tr').first();
    expect(await rolledBack.locator('th').textContent()).toBe('Rollback');
    expect(await rolledBack.textContent()).toContain(`v${before} → v${target}`);
    expect(await rolledBack.textContent()).toContain('ui e2e rollback');
    await shot('model-feedback-decisions');

    // The report: a page of its own under a CSP that lets nothing but its inline styles in.
    const href = await page.getByRole('link', { name: 'Open the performance report' }).getAttribute('href');
    expect(href).toBe('/bff/monitoring/performance/report');
    const res = await page.goto(`${stack.uiUrl}${href}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    await page.getByRole('heading', { level: 1, name: 'battle-winner: live performance on reported outcomes' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `v${before}` }).waitFor();
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(3);
    await shot('performance-report');
    expect(problems).toEqual([]);
  });

  it('counts a right answer in the quiz and keeps the best streak in the browser', async () => {
    const chart = await api<{ items: { attacking: { name: string }; defending: { name: string }[]; multiplier: number }[] }>('/types/affinities');
    const answer = (q: string) => {
      const [attacking, defending] = q.split(' attacks ');
      return chart.items.find((c) => c.attacking.name === attacking && c.defending.length === 1 && c.defending[0].name === defending)!.multiplier;
    };
    const label: Record<number, string> = { 2: 'Super effective (2×)', 1: 'Neutral (1×)', 0.5: 'Not very effective (½×)', 0: 'No effect (0×)' };
    await open('/quiz');
    const question = (await page.getByTestId('quiz-question').textContent())!;
    expect(answer(question)).not.toBe(1);
    await page.getByRole('button', { name: label[answer(question)] }).click();
    await page.getByText(/^Right!/).waitFor();
    expect(await page.getByTestId('quiz-score').textContent()).toBe('1 / 1');
    expect(await page.getByTestId('quiz-streak').textContent()).toBe('1');
    await shot('quiz-answered');
    await page.reload();
    await page.getByTestId('quiz-best').getByText('1', { exact: true }).waitFor();
    expect(await page.getByTestId('quiz-score').textContent()).toBe('0 / 0');
  });

  it('fits a phone screen: the page itself never scrolls sideways (wide tables scroll in place)', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const p of ['/battle?a=25&b=6', '/moves', '/pokemon', '/pokemon/25', '/types', '/quiz', '/model', '/drift', '/pipeline', '/about']) {
        await open(p);
        await page.locator('table, .choices, .pokemon-grid').first().waitFor();
        const width = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect({ page: p, width }).toEqual({ page: p, width: 390 });
        if (p === '/types') await shot('mobile-types');
        if (p.startsWith('/battle')) await shot('mobile-battle');
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('shows an outage message, not a blank page, when the api goes down', async () => {
    process.kill(-stack.api.pid!, 'SIGTERM');
    await new Promise<void>((resolve) => (stack.api.exitCode !== null ? resolve() : stack.api.once('exit', () => resolve())));
    await open('/battle');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Service unavailable.');
    expect(await alert.textContent()).toContain('The prediction service is unreachable.');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').count()).toBe(9);
    await shot('api-down');
    const ready = await fetch(`${stack.uiUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect((await fetch(`${stack.uiUrl}/health/live`)).status).toBe(200);
    // Only off-host requests were refused (none expected: the offline ETL stores no sprite URL).
    expect(offHost.every((h) => h !== '127.0.0.1')).toBe(true);
  });
});
