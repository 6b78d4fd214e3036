import { constructedTable } from '../test/constructed-data';
import { detectDrift } from './detect-drift';
import { renderDriftReportHtml } from './drift-report.html';
import { escapeHtml } from './html-escape';

describe('drift report HTML', () => {
  const report = detectDrift(constructedTable(1500, 1), constructedTable(500, 2, { a_spe: { sd: 1 } }), { referenceSource: 'run abc/reference/features.arrow', window: { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' } });
  const html = renderDriftReportHtml(report);

  it('is self-contained: inline style and SVG, no script, no external reference', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(|@import/i);
    expect(html).not.toMatch(/href="(?!#)/);
  });

  it('draws one histogram per feature, with reference and current bars, drifted features first', () => {
    expect(html.match(/<svg class="histogram"/g)).toHaveLength(report.featureCount);
    expect(html.match(/class="bar reference"/g)!.length).toBeGreaterThan(report.featureCount);
    expect(html.match(/class="bar current"/g)!.length).toBe(html.match(/class="bar reference"/g)!.length);
    expect(html.indexOf('data-feature="a_spe"')).toBeLessThan(html.indexOf('data-feature="a_hp"'));
    expect(report.features.find((f) => f.feature === 'a_spe')!.drifted).toBe(true);
    expect(html).toContain(`Drifted features</span><b>${report.driftedFeatures} / 8</b>`);
    expect(html).toContain('run abc/reference/features.arrow');
  });

  it('escapes every piece of text that comes from data', () => {
    const evil = '<img src=x onerror=alert(1)>"\'&';
    const hostile = detectDrift(
      { rows: 3, columns: new Map([[evil, Float32Array.from([1, 2, 3])]]) },
      { rows: 3, columns: new Map([[evil, Float32Array.from([1, 2, 3])]]) },
      { referenceSource: '</title><script>alert(2)</script>' },
    );
    const page = renderDriftReportHtml(hostile, { title: '<b>t</b>' });
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<b>t</b>');
    expect(page).toContain(escapeHtml(evil));
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('shows the data quality section, with the issues table only when there are issues', () => {
    expect(html).toContain('id="quality-summary"');
    const clean = renderDriftReportHtml(detectDrift(constructedTable(100, 1), constructedTable(100, 1)));
    expect(clean).toContain('id="quality-ok"');
  });
});
