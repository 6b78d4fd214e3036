import { basicCredentials, QueueDashboardAuthorizer } from '@predictiondex/queue-dashboard';
import { ApiKeyVerifier } from '../auth/api-key.verifier';

/**
 * Basic auth for the queue dashboard: any user name, an API key with the admin scope as the
 * password. A browser cannot send X-API-Key on its own, but it prompts for Basic credentials (the
 * dashboard answers 401 with a challenge) and sends them with every asset and API call after.
 */
export function adminKeyAuthorizer(keys: ApiKeyVerifier): QueueDashboardAuthorizer {
  return (request) => keys.verify(basicCredentials(request)?.password)?.scopes.has('admin') ?? false;
}
