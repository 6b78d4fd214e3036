import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WORKSPACE_ROOT } from '@predictiondex/testing';
import { Browser, chromium } from 'playwright-core';
import { constructedTable } from '../test/constructed-data';
import { detectDrift } from './detect-drift';
import { renderDriftReportHtml } from './drift-report.html';

const SCREENSHOTS = path.join(WORKSPACE_ROOT, 'tmp/screenshots');

describe('drift report in Chromium (Debian package, headless)', () => {
  let browser: Browser;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-chromium-'));
  const reportFile = path.join(profile, 'drift-report.html');

  beforeAll(async () => {
    // launch() gives the browser a fresh temporary profile (user-data dir) of its own.
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it('opens the self-contained report from a file, draws a histogram per feature, and screenshots it', async () => {
    const report = detectDrift(constructedTable(3000, 1), constructedTable(1500, 2, { a_hp: { sd: 0.8 }, move_power: { sd: -0.8 }, a_type_fire: { p: 0.45 }, move_stab: { p: 0.8 } }));
    fs.writeFileSync(reportFile, renderDriftReportHtml(report));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`file://${reportFile}`);

    expect(await page.title()).toBe('PredictionDex data drift report');
    expect(await page.locator('#dataset-drift b').textContent()).toBe('DETECTED');
    const histograms = page.locator('svg.histogram');
    expect(await histograms.count()).toBe(report.featureCount);
    // Every histogram is laid out and shows both samples with visible bars.
    for (let i = 0; i < report.featureCount; i++) {
      const box = await histograms.nth(i).boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
      const tallest = await histograms.nth(i).evaluate((svg) => ['reference', 'current'].map((k) => Math.max(...[...svg.querySelectorAll(`rect.bar.${k}`)].map((r) => r.getBoundingClientRect().height))));
      expect(Math.min(...tallest)).toBeGreaterThan(20);
    }
    expect(requests).toEqual([`file://${reportFile}`]);
    expect(errors).toEqual([]);

    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const shot = path.join(SCREENSHOTS, 'drift-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    const png = fs.readFileSync(shot);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
    await page.locator('#histograms').screenshot({ path: path.join(SCREENSHOTS, 'drift-report-histograms.png') });
    expect(fs.statSync(path.join(SCREENSHOTS, 'drift-report-histograms.png')).size).toBeGreaterThan(10_000);
  });
});
