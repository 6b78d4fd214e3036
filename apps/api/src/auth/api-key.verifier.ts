import { Injectable } from '@nestjs/common';
import { ApiConfig, ApiKeyEntry, ApiKeyScope, hashApiKey, InjectConfig } from '@predictiondex/config';
import { timingSafeEqual } from 'node:crypto';

export interface ApiPrincipal {
  name: string;
  scopes: ReadonlySet<ApiKeyScope>;
}

/** Longest X-API-Key value considered; longer ones are refused without hashing. */
export const MAX_API_KEY_LENGTH = 512;

/** Checks presented keys against the configured SHA-256 hashes; plain keys are never kept or logged. */
@Injectable()
export class ApiKeyVerifier {
  private readonly keys: readonly ApiKeyEntry[];

  constructor(@InjectConfig() config: ApiConfig) {
    this.keys = config.API_KEYS;
  }

  verify(key: string | string[] | undefined): ApiPrincipal | undefined {
    if (typeof key !== 'string' || !key || key.length > MAX_API_KEY_LENGTH) return undefined;
    const presented = hashApiKey(key);
    let match: ApiKeyEntry | undefined;
    // Compare with every entry, without stopping at the first hit: the time taken says nothing about
    // which entry (if any) matched.
    for (const entry of this.keys) {
      if (timingSafeEqual(presented, entry.sha256) && !match) match = entry;
    }
    return match && { name: match.name, scopes: match.scopes };
  }
}
