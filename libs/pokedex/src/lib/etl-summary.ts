import type { EtlRunStatus } from '@predictiondex/db';

/** What `npm run etl` prints as its last line, and what the etl_run row records. */
export interface EtlSummary {
  runId: number;
  status: EtlRunStatus;
  forced: boolean;
  sources: string[];
  counts: Record<string, number>;
  changes: Record<string, number> & { total: number };
  rejects: number;
  warnings: string[];
  dexFingerprint: string | null;
  durationMs: number;
  phaseMs: Record<string, number>;
  error?: string;
}
