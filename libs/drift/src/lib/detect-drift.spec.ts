import { constructedTable, CONSTRUCTED_FEATURES } from '../test/constructed-data';
import { detectDrift } from './detect-drift';
import { featureTableFromRows } from './feature-table';

const LARGE = 3000; // > 1000 reference rows: Wasserstein / Jensen-Shannon, threshold 0.1
const SMALL = 600; // <= 1000: KS / chi-squared / Z, p < 0.05

describe('detectDrift on constructed data', () => {
  it.each([LARGE, SMALL])('the reference against itself: nothing drifts (reference %i rows)', (rows) => {
    const ref = constructedTable(rows, 1);
    const report = detectDrift(ref, ref);
    expect(report.driftedFeatures).toBe(0);
    expect(report.datasetDrift).toBe(false);
    for (const f of report.features) expect(f.psi).toBeCloseTo(0, 12);
  });

  it('a fresh sample of the same distribution: no feature drifts on the large-reference tests', () => {
    const report = detectDrift(constructedTable(LARGE, 1), constructedTable(1500, 2));
    expect(report.features.map((f) => f.test)).toEqual(['wasserstein', 'wasserstein', 'wasserstein', 'wasserstein', 'jensenshannon', 'jensenshannon', 'jensenshannon', 'jensenshannon']);
    expect(report.features.filter((f) => f.drifted).map((f) => f.feature)).toEqual([]);
    expect(report.driftShare).toBe(0);
    expect(Math.max(...report.features.map((f) => f.psi))).toBeLessThan(0.1);
  });

  it('a fresh sample of the same distribution: no dataset drift on the small-reference p-value tests', () => {
    const report = detectDrift(constructedTable(SMALL, 21), constructedTable(400, 22));
    expect(report.features.map((f) => f.test)).toEqual(['ks', 'ks', 'ks', 'ks', 'z', 'z', 'z', 'chisquare']);
    expect(report.datasetDrift).toBe(false);
    expect(report.driftShare).toBeLessThan(0.5);
  });

  it('the p-value tests are calibrated: about 5% false alarms per feature over 40 same-distribution checks', () => {
    let alarms = 0;
    let tests = 0;
    for (let seed = 100; seed < 140; seed++) {
      const report = detectDrift(constructedTable(SMALL, seed), constructedTable(300, seed + 1000));
      alarms += report.driftedFeatures;
      tests += report.featureCount;
    }
    // 320 tests at alpha = 0.05: 16 expected; KS on discrete values is conservative, so fewer is fine.
    expect(alarms / tests).toBeGreaterThan(0.005);
    expect(alarms / tests).toBeLessThan(0.1);
  });

  it.each([LARGE, SMALL])('one shifted feature is flagged, alone (reference %i rows)', (rows) => {
    const report = detectDrift(constructedTable(rows, 5), constructedTable(800, 6, { a_spe: { sd: 0.6 } }));
    const spe = report.features.find((f) => f.feature === 'a_spe')!;
    expect(spe.drifted).toBe(true);
    expect(spe.psi).toBeGreaterThan(0.1);
    expect(spe.currentMean - spe.referenceMean).toBeGreaterThan(10);
    if (rows === LARGE) expect(report.features.filter((f) => f.drifted).map((f) => f.feature)).toEqual(['a_spe']);
    expect(report.datasetDrift).toBe(false);
  });

  it.each([LARGE, SMALL])('half of the features shifted: dataset drift (reference %i rows)', (rows) => {
    const report = detectDrift(
      constructedTable(rows, 7),
      constructedTable(800, 8, { a_hp: { sd: 0.8 }, move_power: { sd: -0.8 }, a_type_fire: { p: 0.45 }, move_stab: { p: 0.8 } }),
    );
    expect(report.features.filter((f) => f.drifted).map((f) => f.feature).sort()).toEqual(expect.arrayContaining(['a_hp', 'a_type_fire', 'move_power', 'move_stab']));
    expect(report.driftShare).toBeGreaterThanOrEqual(0.5);
    expect(report.datasetDrift).toBe(true);
  });

  it('exactly half drifted counts as dataset drift (Evidently: share >= 0.5)', () => {
    const report = detectDrift(constructedTable(LARGE, 9), constructedTable(1500, 10, { a_hp: { sd: 1 }, a_spe: { sd: 1 }, speed_ratio: { sd: 1 }, move_power: { sd: 1 } }));
    expect(report.driftedFeatures).toBe(4);
    expect(report.featureCount).toBe(CONSTRUCTED_FEATURES.length);
    expect(report.driftShare).toBe(0.5);
    expect(report.datasetDrift).toBe(true);
  });

  it('float32 rounding: logged 0.9 equals the reference float32 0.9 (no spurious unseen category)', () => {
    const reference = { rows: 4, columns: new Map([['acc', Float32Array.from([0.9, 1, 0.9, 1])]]) };
    const { table: current } = featureTableFromRows(['acc'], [[0.9], [1], [0.9]]);
    expect(detectDrift(reference, current, { float32: true }).quality.unseenCategoryCells).toBe(0);
    expect(detectDrift(reference, current, { float32: false }).quality.unseenCategoryCells).toBe(2);
  });
});

describe('data quality', () => {
  it('counts missing values, values outside the reference range, unseen categories and malformed rows', () => {
    const reference = constructedTable(2000, 11);
    const rows: (number | null)[][] = [];
    const base = constructedTable(300, 12);
    for (let i = 0; i < 300; i++) rows.push(CONSTRUCTED_FEATURES.map((f) => base.columns.get(f)![i] as number));
    rows[0][0] = Number.NaN; // a_hp missing
    rows[1][0] = null; // a_hp missing
    rows[2][1] = 10_000; // a_spe above any reference value
    rows[3][1] = -5; // a_spe below
    rows[4][7] = 4; // move_effectiveness 4: never seen
    rows[5][7] = 4;
    rows[6][4] = 2; // a_type_fire 2: never seen
    const { table, malformedRows } = featureTableFromRows(CONSTRUCTED_FEATURES, [...rows, [1, 2, 3], null]);
    expect(malformedRows).toBe(2);
    const q = detectDrift(reference, table, { malformedRows, float32: true }).quality;
    expect(q.malformedRows).toBe(2);
    expect(q.currentRows).toBe(300);
    expect(q.missingCells).toBe(2);
    const byName = Object.fromEntries(q.features.map((f) => [f.feature, f]));
    expect(byName['a_hp'].missing).toEqual({ reference: 0, current: 2 });
    const baseline = detectDrift(reference, featureTableFromRows(CONSTRUCTED_FEATURES, rows.map((r, i) => (i < 7 ? null : r))).table).quality;
    const baseSpe = baseline.features.find((f) => f.feature === 'a_spe')!.outOfRange;
    expect(byName['a_spe'].outOfRange.above - baseSpe.above).toBe(1);
    expect(byName['a_spe'].outOfRange.below - baseSpe.below).toBe(1);
    expect(byName['move_effectiveness'].unseenCategories).toEqual({ values: [4], rows: 2 });
    expect(byName['a_type_fire'].unseenCategories).toEqual({ values: [2], rows: 1 });
    expect(byName['a_hp'].unseenCategories).toBeNull();
    expect(q.unseenCategoryCells).toBe(3);
    expect(q.outOfRangeCells).toBeGreaterThanOrEqual(2);
    expect(q.featuresWithIssues).toBeGreaterThanOrEqual(4);
  });

  it('a feature absent from the current sample counts as missing everywhere and never as drift', () => {
    const reference = constructedTable(1200, 13);
    const current = { rows: 50, columns: new Map([...constructedTable(50, 14).columns].filter(([k]) => k !== 'a_hp')) };
    const report = detectDrift(reference, current);
    const hp = report.features.find((f) => f.feature === 'a_hp')!;
    expect(hp.drifted).toBe(false);
    expect(Number.isNaN(hp.score)).toBe(true);
    expect(report.quality.features.find((f) => f.feature === 'a_hp')!.missing.current).toBe(50);
  });
});
