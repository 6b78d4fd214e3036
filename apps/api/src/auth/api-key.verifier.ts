import { Injectable } from '@nestjs/common';
import { ApiConfig, ApiKeyEntry, ApiKeyScope, hashApiKey, InjectConfig } from '@predictiondex/config';
import { timingSafeEqual } from 'node:crypto';

export interface ApiPrincipal {
  name: string;
  scopes: ReadonlySet<ApiKeyScope>;
}

/** Longest X-API-Key value considered; longer ones are refused without hashing. */
export const MAX_API_KEY_LENGTH = 512;

/** Matched keys remembered at most (configured keys are few; each is remembered once). */
const MAX_VERIFIED_KEYS = 64;

/** Checks presented keys against the configured SHA-256 hashes; plain keys are never kept or logged. */
@Injectable()
export class ApiKeyVerifier {
  private readonly keys: readonly ApiKeyEntry[];

  constructor(@InjectConfig() config: ApiConfig) {
    this.keys = config.API_KEYS;
  }

  /**
   * Keys verified before, by their text: every request of a client sends the same key, and SHA-256
   * plus the comparisons cost more than the rest of a cached read. Only keys that matched are kept
   * (at most one entry per configured key), so arbitrary strings cannot fill it.
   */
  private readonly verified = new Map<string, ApiPrincipal>();

  verify(key: string | string[] | undefined): ApiPrincipal | undefined {
    if (typeof key !== 'string' || !key || key.length > MAX_API_KEY_LENGTH) return undefined;
    const known = this.verified.get(key);
    if (known) return known;
    const principal = this.check(key);
    if (principal && this.verified.size < MAX_VERIFIED_KEYS) this.verified.set(key, principal);
    return principal;
  }

  private check(key: string): ApiPrincipal | undefined {
    const presented = hashApiKey(key);
    let match: ApiKeyEntry | undefined;
    // Compare with every entry, without stopping at the first hit: the time taken says nothing about
    // which entry (if any) matched.
    for (const entry of this.keys) {
      if (timingSafeEqual(presented, entry.sha256) && !match) match = entry;
    }
    return match && Object.freeze({ name: match.name, scopes: match.scopes });
  }
}
