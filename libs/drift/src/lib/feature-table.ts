import { tableFromIPC } from 'apache-arrow';

/** Column-wise feature values of one sample; a missing value is null or NaN. */
export interface FeatureTable {
  rows: number;
  columns: ReadonlyMap<string, ArrayLike<number | null>>;
}

/** Column-name prefix of the features in the training reference sample (`f:<feature name>`). */
export const REFERENCE_FEATURE_PREFIX = 'f:';

/**
 * Reads the reference sample ml-builder stores with each training run (`reference/features.arrow`:
 * Arrow IPC, one Float32 column per feature named `f:<name>`). Other columns are ignored.
 */
export function featureTableFromArrow(bytes: Uint8Array): FeatureTable {
  const table = tableFromIPC(bytes);
  const columns = new Map<string, ArrayLike<number | null>>();
  for (const field of table.schema.fields) {
    if (!field.name.startsWith(REFERENCE_FEATURE_PREFIX)) continue;
    const vector = table.getChild(field.name);
    if (!vector) continue;
    const values = vector.toArray() as ArrayLike<number>;
    // Nulls in an Arrow column read back as 0 from toArray(): mark them NaN so they count as missing.
    if (vector.nullCount > 0) {
      const copy = Float64Array.from(values);
      for (let i = 0; i < copy.length; i++) if (!vector.isValid(i)) copy[i] = Number.NaN;
      columns.set(field.name.slice(REFERENCE_FEATURE_PREFIX.length), copy);
    } else {
      columns.set(field.name.slice(REFERENCE_FEATURE_PREFIX.length), values);
    }
  }
  return { rows: table.numRows, columns };
}

/**
 * Turns row vectors (as logged: one array per prediction, in `featureNames` order) into columns.
 * Rows whose length differs from the feature list are skipped and counted as malformed.
 */
export function featureTableFromRows(featureNames: readonly string[], rows: ReadonlyArray<ArrayLike<number | null> | null>): { table: FeatureTable; malformedRows: number } {
  const good = rows.filter((r): r is ArrayLike<number | null> => !!r && r.length === featureNames.length);
  const columns = new Map<string, ArrayLike<number | null>>();
  featureNames.forEach((name, j) => {
    const col = new Float64Array(good.length);
    for (let i = 0; i < good.length; i++) {
      const v = good[i][j];
      col[i] = v === null || v === undefined ? Number.NaN : Number(v);
    }
    columns.set(name, col);
  });
  return { table: { rows: good.length, columns }, malformedRows: rows.length - good.length };
}
