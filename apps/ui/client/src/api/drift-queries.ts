import type { DriftCheckDetails, DriftCheckPage } from '@predictiondex/api-client';
import { api, BFF_BASE, BffRequestError, unwrap } from './bff-client';

/** No completed check yet (the api's 404, with its explanation): a normal state, not an error. */
export interface NoDriftCheck {
  none: string;
}

/** The latest completed drift check, or why there is none yet. Not cached: checks arrive on their own. */
export async function latestDriftCheck(): Promise<DriftCheckDetails | NoDriftCheck> {
  try {
    return unwrap(await api.GET('/monitoring/drift/latest'));
  } catch (e) {
    if (e instanceof BffRequestError && e.status === 404) return { none: e.message };
    throw e;
  }
}

export async function driftChecks(limit: number): Promise<DriftCheckPage> {
  return unwrap(await api.GET('/monitoring/reports', { params: { query: { limit } } }));
}

/** The report page of a completed check, through the BFF (opened as its own document, never inlined). */
export const reportHref = (checkId: number) => `${BFF_BASE}/monitoring/reports/${encodeURIComponent(String(checkId))}`;
