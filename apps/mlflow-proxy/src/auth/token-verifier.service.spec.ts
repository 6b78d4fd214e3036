import { MlflowProxyConfig, loadConfig, mlflowProxyConfigSchema } from '@predictiondex/config';
import { TokenVerifier } from './token-verifier.service';

describe('TokenVerifier', () => {
  const config = loadConfig('mlflow-proxy', mlflowProxyConfigSchema, { MLFLOW_TOKENS: 'builder:tok-write-123:write,api:tok-read-456:read' }) as MlflowProxyConfig;
  const verifier = new TokenVerifier(config);

  it('knows tokens by their hash and returns name and scope', () => {
    expect(verifier.verify('tok-write-123')).toEqual({ name: 'builder', scope: 'write' });
    expect(verifier.verify('tok-read-456')).toEqual({ name: 'api', scope: 'read' });
    expect(verifier.verify('tok-read-45')).toBeUndefined();
    expect(verifier.verify('')).toBeUndefined();
  });

  it('reads Bearer and Basic credentials', () => {
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    expect(TokenVerifier.tokenFromHeader('Bearer abc')).toBe('abc');
    expect(TokenVerifier.tokenFromHeader('bearer  abc ')).toBe('abc');
    expect(TokenVerifier.tokenFromHeader(basic('user:abc'))).toBe('abc');
    expect(TokenVerifier.tokenFromHeader(basic('abc:'))).toBe('abc');
    expect(TokenVerifier.tokenFromHeader(basic('user:a:b'))).toBe('a:b');
    expect(TokenVerifier.tokenFromHeader(basic('no-colon'))).toBe('');
    expect(TokenVerifier.tokenFromHeader('Digest abc')).toBe('');
    expect(TokenVerifier.tokenFromHeader('abc')).toBe('');
    expect(TokenVerifier.tokenFromHeader(undefined)).toBe('');
  });
});
