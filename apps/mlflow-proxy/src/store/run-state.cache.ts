import { Injectable } from '@nestjs/common';
import type { MlflowLifecycleStage } from '@predictiondex/mlflow-client';

export interface RunState {
  experimentId: string;
  lifecycleStage: MlflowLifecycleStage;
  artifactUri: string;
}

const TTL_MS = 1000;
const MAX_ENTRIES = 50_000;

/**
 * What the logging hot path needs to know about a run (exists, active), kept for a second so that
 * log-metric is one INSERT instead of a SELECT and an INSERT. This process invalidates it on
 * delete/restore; another replica's delete is seen within TTL_MS.
 */
@Injectable()
export class RunStateCache {
  private readonly entries = new Map<string, { state: RunState; expires: number }>();

  get(runId: string): RunState | undefined {
    const hit = this.entries.get(runId);
    if (!hit) return undefined;
    if (hit.expires < Date.now()) {
      this.entries.delete(runId);
      return undefined;
    }
    return hit.state;
  }

  set(runId: string, state: RunState): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(runId, { state, expires: Date.now() + TTL_MS });
  }

  invalidate(runId: string): void {
    this.entries.delete(runId);
  }

  clear(): void {
    this.entries.clear();
  }
}
