import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { UiConfig } from '@predictiondex/config';

/**
 * Helmet for the SPA: a CSP with no inline script and no inline style sheet (`'self'` only; React
 * sets style properties through the CSSOM, which CSP allows), images from the ui and the configured
 * sprite origins only, no framing, no plugins. No upgrade-insecure-requests: the ui is also served
 * over plain http on a developer's machine.
 */
export function helmetOptions(config: Pick<UiConfig, 'SPRITE_ORIGINS' | 'NODE_ENV'>): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...config.SPRITE_ORIGINS],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: config.NODE_ENV === 'production' ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  };
}
