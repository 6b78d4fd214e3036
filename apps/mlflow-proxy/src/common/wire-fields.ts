import { z } from 'zod';

// zod building blocks for MLflow request fields. Protobuf JSON lets int64 travel as a number or a
// string, doubles as a number or "NaN"/"Infinity", and GET query strings carry everything as text:
// these accept all of those and hand the service plain JS values.

export const int64 = z.union([
  z.number().int().refine(Number.isSafeInteger, 'must be a safe integer'),
  z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .refine(Number.isSafeInteger, 'must be a safe integer'),
]);

const SPECIAL_DOUBLES: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, inf: Infinity, '-inf': -Infinity, nan: NaN };

export const double = z.union([
  z.number(),
  z.string().transform((s, ctx) => {
    if (s in SPECIAL_DOUBLES) return SPECIAL_DOUBLES[s];
    const n = s.trim() === '' ? NaN : Number(s);
    if (Number.isNaN(n)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a double' });
      return z.NEVER;
    }
    return n;
  }),
]);

export const bool = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False']).transform((v) => v.toLowerCase() === 'true')]);

/** A positive page size given as a number or a query string. */
export const maxResults = (fallback: number, threshold: number) =>
  int64
    .optional()
    .transform((v) => v ?? fallback)
    .refine((v) => v > 0 && v <= threshold, `must be between 1 and ${threshold}`);

/** One value or a repeated query parameter (`?order_by=a&order_by=b`), always an array. */
export const stringList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

/** Tags as MLflow sends them: `[{key, value}]`, absent meaning none. */
export const keyValues = z
  .array(z.object({ key: z.string(), value: z.string().default('') }))
  .optional()
  .default([]);
