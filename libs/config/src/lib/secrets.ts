import { z } from 'zod';

/**
 * Secrets have a convenient value in development and test, and none in production: a production
 * process refuses to start when a secret is missing, too short, or still a development value.
 */
export const DEV_SECRET_MARKER = 'dev-only';

export function refuseDevSecretsInProduction<T extends { NODE_ENV: string }>(
  secretKeys: readonly (keyof T & string)[],
): (cfg: T, ctx: z.RefinementCtx) => void {
  return (cfg, ctx) => {
    if (cfg.NODE_ENV !== 'production') return;
    for (const key of secretKeys) {
      const value = cfg[key] as unknown;
      const text = typeof value === 'string' ? value : '';
      if (!text) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is required in production' });
      } else if (text.includes(DEV_SECRET_MARKER)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'holds a development value; set a real secret in production' });
      }
    }
  };
}
