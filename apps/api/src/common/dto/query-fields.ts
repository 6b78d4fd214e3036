import { z } from 'zod';

/** Largest id accepted anywhere (PostgreSQL int). */
export const MAX_ID = 2_147_483_647;

/** A decimal whole number in a query string or path, within [min, max]. */
export function intField(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,10}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
}

/** A database id in a path or query: 1..2147483647. */
export const idField = intField(1, MAX_ID);

/** A short free-text filter (names). */
export const textField = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export function pagingFields(defaultLimit: number, maxLimit: number) {
  return {
    limit: intField(1, maxLimit).default(String(defaultLimit)),
    offset: intField(0, 1_000_000).default('0'),
  };
}

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export const langField = z.enum(LANGS, { errorMap: () => ({ message: `must be one of ${LANGS.join(', ')}` }) }).default('en');
