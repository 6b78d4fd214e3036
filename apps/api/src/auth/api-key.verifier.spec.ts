import { apiConfigSchema, loadConfig } from '@predictiondex/config';
import { ApiKeyVerifier, MAX_API_KEY_LENGTH } from './api-key.verifier';

describe('ApiKeyVerifier', () => {
  const verifier = new ApiKeyVerifier(loadConfig('api', apiConfigSchema, { API_KEYS: 'ui:key-ui:read|predict,ops:key-ops:admin' }));

  it('recognises configured keys and their scopes', () => {
    expect(verifier.verify('key-ui')).toEqual({ name: 'ui', scopes: new Set(['read', 'predict']) });
    expect(verifier.verify('key-ops')?.scopes.has('predict')).toBe(true);
  });

  it('refuses unknown, empty, repeated and oversized keys', () => {
    expect(verifier.verify('key-UI')).toBeUndefined();
    expect(verifier.verify('')).toBeUndefined();
    expect(verifier.verify(undefined)).toBeUndefined();
    expect(verifier.verify(['key-ui', 'key-ui'])).toBeUndefined();
    expect(verifier.verify('k'.repeat(MAX_API_KEY_LENGTH + 1))).toBeUndefined();
  });

  it('answers a key it verified before from memory, and never remembers a refused one', () => {
    const first = verifier.verify('key-ops');
    expect(verifier.verify('key-ops')).toBe(first);
    for (let i = 0; i < 200; i++) expect(verifier.verify(`guess-${i}`)).toBeUndefined();
    expect(verifier.verify('key-ui')?.name).toBe('ui');
  });
});
