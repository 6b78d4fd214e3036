import { FEATURE_COUNT, FEATURE_NAMES } from '@predictiondex/battle';
import { referenceSampleIpc } from '@predictiondex/dataset';
import { MlflowApiError, MlflowClient } from '@predictiondex/mlflow-client';
import { Float32, makeVector, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import { syntheticFeatureRows } from '../test/synthetic-features';
import { detectDrift } from './detect-drift';
import { featureTableFromArrow, featureTableFromRows } from './feature-table';
import { RegistryReferenceSource } from './monitor/reference-sample.source';

describe('the reference sample artifact (reference/features.arrow)', () => {
  const rows = syntheticFeatureRows(300, 1);
  const flat = new Float32Array(rows.flat());
  const bytes = referenceSampleIpc(flat, rows.map((_, i) => i), 7);

  it("reads ml-builder's writer output: one column per feature, names without the f: prefix", () => {
    const table = featureTableFromArrow(bytes);
    expect(table.rows).toBe(300);
    expect([...table.columns.keys()]).toEqual(FEATURE_NAMES);
    expect(Array.from(table.columns.get(FEATURE_NAMES[3])!).slice(0, 5)).toEqual(rows.slice(0, 5).map((r) => r[3]));
  });

  it('compared with the same rows logged as real[] arrays: no drift at all', () => {
    const { table } = featureTableFromRows(FEATURE_NAMES, rows);
    const report = detectDrift(featureTableFromArrow(bytes), table, { features: FEATURE_NAMES, float32: true });
    expect(report.featureCount).toBe(FEATURE_COUNT);
    expect(report.driftedFeatures).toBe(0);
    expect(report.quality.unseenCategoryCells).toBe(0);
    // What one stored check weighs (the jsonb report, histograms included).
    expect(JSON.stringify(report).length).toBeLessThan(400_000);
  });

  it('ignores columns without the prefix and marks Arrow nulls as missing', () => {
    const withNull = vectorFromArray([1.5, null, 3], new Float32());
    const ipc = tableToIPC(new Table({ 'f:x': makeVector(Float32Array.from([1, 2, 3])), 'f:y': withNull, label: makeVector(Float32Array.from([0, 1, 0])) }), 'file');
    const table = featureTableFromArrow(ipc);
    expect([...table.columns.keys()]).toEqual(['x', 'y']);
    expect(Array.from(table.columns.get('y')!)).toEqual([1.5, Number.NaN, 3]);
    const report = detectDrift(table, table);
    expect(report.quality.features.find((f) => f.feature === 'y')!.missing).toEqual({ reference: 1, current: 1 });
  });
});

describe('RegistryReferenceSource', () => {
  const bytes = referenceSampleIpc(new Float32Array(syntheticFeatureRows(20, 2).flat()), [...Array(20).keys()], 1);

  function fakeClient(runIds: (string | Error)[]) {
    const calls = { resolve: 0, download: 0 };
    const client = {
      resolveModelUri: async () => {
        const next = runIds[Math.min(calls.resolve++, runIds.length - 1)];
        if (next instanceof Error) throw next;
        return { name: 'battle-winner', version: next.slice(-1), runId: next, artifactUri: '', modelVersion: {} };
      },
      downloadArtifact: async (runId: string, path: string) => {
        calls.download++;
        expect(path).toBe('reference/features.arrow');
        expect(runId).toMatch(/^run/);
        return Buffer.from(bytes);
      },
    } as unknown as MlflowClient;
    return { client, calls };
  }

  it('downloads the reference once per run and follows the alias to a new run', async () => {
    const { client, calls } = fakeClient(['run1', 'run1', 'run2']);
    const source = new RegistryReferenceSource(client, 'battle-winner', 'champion');
    expect((await source.load())!).toMatchObject({ runId: 'run1', modelVersion: '1' });
    await source.load();
    expect(calls.download).toBe(1);
    expect((await source.load())!.runId).toBe('run2');
    expect(calls.download).toBe(2);
  });

  it('no model under the alias -> null; any other registry error propagates', async () => {
    const missing = new MlflowApiError(404, 'RESOURCE_DOES_NOT_EXIST', 'no alias', 'GET', '/registered-models/alias');
    expect(await new RegistryReferenceSource(fakeClient([missing]).client, 'm', 'a').load()).toBeNull();
    const down = new MlflowApiError(503, 'INTERNAL_ERROR', 'down', 'GET', '/x');
    await expect(new RegistryReferenceSource(fakeClient([down]).client, 'm', 'a').load()).rejects.toThrow('down');
  });
});
