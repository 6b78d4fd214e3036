import { DataSource } from 'typeorm';

export interface LoggedFeatureRows {
  rows: (number | null)[][];
  /** Logged rows of another feature version in the window (not comparable, not tested). */
  otherFeatureVersions: number;
}

/** Reads the feature vectors the api logged (prediction_log.features), most recent first. */
export async function recentLoggedFeatures(
  dataSource: DataSource,
  window: { from: Date; to: Date },
  featureVersion: string,
  maxRows: number,
): Promise<LoggedFeatureRows> {
  const rows: { features: (number | null)[] }[] = await dataSource.query(
    `SELECT features FROM prediction_log
      WHERE created_at >= $1 AND created_at < $2 AND feature_version = $3
      ORDER BY created_at DESC LIMIT $4`,
    [window.from, window.to, featureVersion, maxRows],
  );
  const [{ n }]: { n: number }[] = await dataSource.query(
    `SELECT count(*)::int AS n FROM prediction_log WHERE created_at >= $1 AND created_at < $2 AND feature_version <> $3`,
    [window.from, window.to, featureVersion],
  );
  return { rows: rows.map((r) => r.features), otherFeatureVersions: n };
}
