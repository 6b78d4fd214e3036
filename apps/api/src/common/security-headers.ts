import helmet from '@fastify/helmet';
import Fastify from 'fastify';

export type SecurityHeaders = Record<string, string>;

/**
 * The headers of every JSON answer: OWASP's REST security set. A JSON document loads nothing, so
 * its CSP allows nothing and no framing; helmet's browser-page extras (DNS prefetch, download
 * options, Flash policies, upgrade-insecure-requests...) mean nothing for it and cost every request
 * ~400 bytes and their validation. Only /docs, a real page, gets helmet's set.
 */
export const API_SECURITY_HEADERS: SecurityHeaders = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/** Helmet's options for the Swagger UI at /docs: strict CSP except what it needs (inline styles, data: images). */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"] },
  },
};

/**
 * The headers @fastify/helmet sets with these options, computed once: the plugin is registered on a
 * scratch Fastify instance and one injected request records what it adds. @fastify/helmet rebuilds
 * helmet's middleware (CSP parsing included) on every request, which cost the api ~30 % of its
 * throughput; the headers are static without CSP nonces, so the api sets this map with one
 * `reply.headers()` call per request instead.
 */
export async function computeSecurityHeaders(options: object = HELMET_OPTIONS): Promise<SecurityHeaders> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(helmet, options);
    probe.get('/', async () => ({}));
    const plain = Fastify({ logger: false });
    plain.get('/', async () => ({}));
    const [withHelmet, without] = await Promise.all([probe.inject('/'), plain.inject('/')]);
    await plain.close();
    const headers: SecurityHeaders = {};
    for (const [name, value] of Object.entries(withHelmet.headers)) {
      if (!(name in without.headers) && typeof value === 'string') headers[name] = value;
    }
    return headers;
  } finally {
    await probe.close();
  }
}
