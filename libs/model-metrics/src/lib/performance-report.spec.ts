import { livePerformance, OutcomeRow } from './live-performance';
import { performanceReportHtml, rollingAccuracySvg } from './performance-report';

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
const row = (probability: number, actualWinner: string, s: number): OutcomeRow => ({ probability, actualWinner, feedbackAt: at(s) });

describe('performance report (HTML)', () => {
  const versions = [livePerformance('2', [row(0.9, 'B', 1), row(0.1, 'A', 2), row(0.8, 'A', 3)]), livePerformance('1', [])];

  it('is one self-contained page: per version figures, calibration, confusion matrix and rolling accuracy, no script', () => {
    const html = performanceReportHtml({ modelName: 'battle-winner', window: 500, generatedAt: at(10), servingVersion: '2', versions });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|src=|href="http/i);
    expect(html).toContain('<tr class="serving"><td><a href="#v-2">v2</a> (serving)</td><td class="n">3</td><td class="n">0.3333</td>');
    expect(html).toContain('Calibration of v2 (reported outcomes)');
    expect(html).toContain('Confusion matrix of v2 (reported outcomes)');
    expect(html).toContain('Rolling accuracy of v2');
    expect(html).toContain('<section id="v-1" class="version"><h2>v1</h2>');
    expect(html).toContain('No reported outcome for this version yet.');
    expect(performanceReportHtml({ modelName: 'm', window: 10, generatedAt: at(0), servingVersion: null, versions: [] })).toContain('No outcome has been reported for any version yet');
  });

  it('escapes every value it prints', () => {
    const html = performanceReportHtml({ modelName: '<b>x</b>', window: 5, generatedAt: at(0), servingVersion: '"><script>', versions: [livePerformance('<i>', [row(0.5, 'A', 1)])] });
    expect(html).not.toContain('<b>x</b>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(rollingAccuracySvg([], '<t>')).toContain('&lt;t&gt;');
  });
});
