import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { QueueDashboardAuthorizer } from './queue-dashboard.options';

export interface BasicCredentials {
  username: string;
  password: string;
}

/** The `Authorization: Basic ...` credentials of a request, or null. */
export function basicCredentials(request: Pick<FastifyRequest, 'headers'>): BasicCredentials | null {
  const header = request.headers['authorization'];
  if (typeof header !== 'string') return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * Basic auth against one fixed pair (a worker mounting the dashboard on its own port). Both are
 * required: an empty password is refused when the authorizer is built, not when a request comes.
 */
export function staticCredentialsAuthorizer(username: string, password: string): QueueDashboardAuthorizer {
  if (!username || !password) throw new Error('queue dashboard: a username and a password are required');
  const user = digest(username);
  const pass = digest(password);
  return (request) => {
    const c = basicCredentials(request);
    // Compare digests in constant time; evaluate both so timing does not tell which one failed.
    return !!c && Number(timingSafeEqual(digest(c.username), user)) + Number(timingSafeEqual(digest(c.password), pass)) === 2;
  };
}
