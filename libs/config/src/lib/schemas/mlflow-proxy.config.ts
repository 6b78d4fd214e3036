import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { envFields } from '../env-fields';
import { DEV_SECRET_MARKER, refuseDevSecretsInProduction } from '../secrets';

export const MLFLOW_TOKEN_SCOPES = ['read', 'write'] as const;
export type MlflowTokenScope = (typeof MLFLOW_TOKEN_SCOPES)[number];

/** The token every process outside production accepts when MLFLOW_TOKENS is unset: auth is never off. */
export const MLFLOW_DEV_TOKEN = `${DEV_SECRET_MARKER}-mlflow-write-token`;
export const MLFLOW_DEV_TOKENS = `dev:${MLFLOW_DEV_TOKEN}:write`;

/** Shorter tokens are refused in production: they can be guessed. */
export const MLFLOW_MIN_PRODUCTION_TOKEN_LENGTH = 24;

/** A configured token as the process keeps it: the SHA-256 of the secret, never the secret itself. */
export interface MlflowTokenEntry {
  name: string;
  scope: MlflowTokenScope;
  sha256: Buffer;
}

interface RawToken {
  name: string;
  token: string;
  scope: string;
}

const TOKEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** `name:token:scope,...`; the token itself may not contain ":" or ",". */
export function parseMlflowTokens(text: string): RawToken[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [name = '', token = '', scope = '', ...rest] = entry.split(':');
      if (rest.length) return { name, token: '', scope: '' };
      return { name: name.trim(), token: token.trim(), scope: scope.trim() };
    });
}

export function hashMlflowToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function checkTokens(cfg: { NODE_ENV: string; MLFLOW_TOKENS: string }, ctx: z.RefinementCtx): void {
  const entries = parseMlflowTokens(cfg.MLFLOW_TOKENS);
  if (!entries.length) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MLFLOW_TOKENS'], message: 'needs at least one name:token:scope entry' });
    return;
  }
  const names = new Set<string>();
  entries.forEach((e, i) => {
    // Never echo the token itself in an error: the message ends up in logs.
    const where = `entry ${i + 1}${TOKEN_NAME.test(e.name) ? ` (${e.name})` : ''}`;
    if (!TOKEN_NAME.test(e.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MLFLOW_TOKENS'], message: `${where}: name must be 1-64 letters, digits, ".", "_" or "-"` });
    if (!e.token) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MLFLOW_TOKENS'], message: `${where}: expected name:token:scope` });
    if (!(MLFLOW_TOKEN_SCOPES as readonly string[]).includes(e.scope)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MLFLOW_TOKENS'], message: `${where}: scope must be "read" or "write"` });
    }
    if (names.has(e.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['MLFLOW_TOKENS'], message: `${where}: duplicate name` });
    names.add(e.name);
    if (cfg.NODE_ENV === 'production' && e.token && e.token.length < MLFLOW_MIN_PRODUCTION_TOKEN_LENGTH) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['MLFLOW_TOKENS'],
        message: `${where}: token shorter than ${MLFLOW_MIN_PRODUCTION_TOKEN_LENGTH} characters is refused in production`,
      });
    }
  });
}

const absolutePath = z
  .string()
  .min(1)
  .transform((p) => (isAbsolute(p) ? p : resolve(p)));

export const mlflowProxyConfigSchema = z
  .object({
    NODE_ENV: envFields.nodeEnv,
    LOG_LEVEL: envFields.logLevel,
    PORT: envFields.port(5000),
    /** Interface to bind; 0.0.0.0 in a container, 127.0.0.1 to keep it local. */
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: envFields.databaseUrl,
    /** Pool size of the store's PostgreSQL connections (embedded mode). */
    MLFLOW_DB_POOL_SIZE: envFields.positiveInt(10),
    /** Directory behind `mlflow-artifacts:/` (a volume in Docker). Relative paths resolve from the working directory. */
    MLFLOW_ARTIFACT_ROOT: absolutePath.default('./mlartifacts'),
    /** `name:token:scope` entries, comma-separated; scope `read` or `write` (write implies read). */
    MLFLOW_TOKENS: z.string().default(MLFLOW_DEV_TOKENS),
    /** Set to forward the MLflow API to a real MLflow server instead of serving it (proxy mode). */
    MLFLOW_UPSTREAM_URL: z.string().url().optional(),
    /** Bearer token the proxy presents to the upstream (callers' credentials are never forwarded). */
    MLFLOW_UPSTREAM_TOKEN: z.string().optional(),
    MLFLOW_UPSTREAM_TIMEOUT_MS: envFields.positiveInt(300_000),
    MLFLOW_MAX_ARTIFACT_BYTES: envFields.positiveInt(1024 * 1024 * 1024),
    MLFLOW_MAX_JSON_BYTES: envFields.positiveInt(10 * 1024 * 1024),
  })
  .superRefine(refuseDevSecretsInProduction(['MLFLOW_TOKENS']))
  .superRefine(checkTokens)
  .transform(({ MLFLOW_TOKENS, ...rest }) => ({
    ...rest,
    // Hashed here so that the plain tokens never live past configuration loading.
    MLFLOW_TOKENS: parseMlflowTokens(MLFLOW_TOKENS).map(
      (e): MlflowTokenEntry => ({ name: e.name, scope: e.scope as MlflowTokenScope, sha256: hashMlflowToken(e.token) }),
    ),
    MLFLOW_UPSTREAM_URL: rest.MLFLOW_UPSTREAM_URL?.replace(/\/+$/, ''),
  }));
export type MlflowProxyConfig = z.infer<typeof mlflowProxyConfigSchema>;
