import type { MlflowTokenScope } from '@predictiondex/config';
import { READ_ONLY_POST_SUFFIXES } from '../common/api-routes.constants';

/**
 * What a request needs: reads (GET, and the POST searches) need `read`, anything that changes state
 * needs `write`. Unknown POSTs count as writes, so an endpoint added upstream fails closed.
 */
export function requiredScope(method: string, path: string): MlflowTokenScope {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return 'read';
  if (method === 'POST' && READ_ONLY_POST_SUFFIXES.some((s) => path.endsWith(s))) return 'read';
  return 'write';
}
