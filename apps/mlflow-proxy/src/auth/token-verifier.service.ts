import { Injectable } from '@nestjs/common';
import { InjectConfig, MlflowProxyConfig, MlflowTokenEntry, MlflowTokenScope, hashMlflowToken } from '@predictiondex/config';
import { timingSafeEqual } from 'node:crypto';

export interface Principal {
  name: string;
  scope: MlflowTokenScope;
}

/** Checks presented tokens against the configured SHA-256 hashes; plain tokens are never kept. */
@Injectable()
export class TokenVerifier {
  private readonly tokens: readonly MlflowTokenEntry[];

  constructor(@InjectConfig() config: MlflowProxyConfig) {
    this.tokens = config.MLFLOW_TOKENS;
  }

  verify(token: string): Principal | undefined {
    if (!token) return undefined;
    const presented = hashMlflowToken(token);
    let match: MlflowTokenEntry | undefined;
    // Compare against every entry, without stopping at the first hit: the time taken says nothing
    // about which entry (if any) matched.
    for (const entry of this.tokens) {
      if (timingSafeEqual(presented, entry.sha256) && !match) match = entry;
    }
    return match && { name: match.name, scope: match.scope };
  }

  /**
   * The token in an Authorization header: `Bearer <token>` (MLFLOW_TRACKING_TOKEN), or HTTP Basic
   * (MLFLOW_TRACKING_USERNAME/PASSWORD) with the token as the password — or as the user name when
   * the password is empty, as some tools send it.
   */
  static tokenFromHeader(header: string | undefined): string {
    if (!header) return '';
    const space = header.indexOf(' ');
    if (space === -1) return '';
    const scheme = header.slice(0, space).toLowerCase();
    const value = header.slice(space + 1).trim();
    if (scheme === 'bearer') return value;
    if (scheme === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon === -1) return '';
      return decoded.slice(colon + 1) || decoded.slice(0, colon);
    }
    return '';
  }
}
