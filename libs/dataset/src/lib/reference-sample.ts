import { FEATURE_COUNT } from '@predictiondex/battle';
import { makeVector, Table, tableToIPC, Vector } from 'apache-arrow';
import { FEATURE_COLUMNS } from './dataset-columns';
import { hashUnit } from './seeded-hash';

export const REFERENCE_SAMPLE_ARTIFACT = 'reference/features.arrow';
export const REFERENCE_SAMPLE_MAX_ROWS = 5000;

/**
 * The training distribution that drift checks compare live requests with: a seeded sample of up
 * to `maxRows` training rows, one Float32 column per feature (`f:<name>`), as an Arrow IPC file.
 */
export function referenceSampleIpc(features: Float32Array, rows: readonly number[], seed: number, maxRows = REFERENCE_SAMPLE_MAX_ROWS): Uint8Array {
  const chosen = rows.length <= maxRows ? [...rows] : [...rows].sort((x, y) => hashUnit(seed, `ref:${x}`) - hashUnit(seed, `ref:${y}`)).slice(0, maxRows).sort((x, y) => x - y);
  const columns: Record<string, Vector> = {};
  FEATURE_COLUMNS.forEach((name, j) => {
    const col = new Float32Array(chosen.length);
    chosen.forEach((r, i) => (col[i] = features[r * FEATURE_COUNT + j]));
    columns[name] = makeVector(col);
  });
  return tableToIPC(new Table(columns), 'file');
}
