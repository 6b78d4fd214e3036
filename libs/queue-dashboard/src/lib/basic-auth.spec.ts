import { basicCredentials, staticCredentialsAuthorizer } from './basic-auth';

const basic = (s: string) => ({ headers: { authorization: `Basic ${Buffer.from(s).toString('base64')}` } });

describe('basic auth for the queue dashboard', () => {
  it('parses credentials, passwords may contain ":"', () => {
    expect(basicCredentials(basic('admin:a:b'))).toEqual({ username: 'admin', password: 'a:b' });
    expect(basicCredentials({ headers: {} })).toBeNull();
    expect(basicCredentials({ headers: { authorization: 'Bearer x' } })).toBeNull();
    expect(basicCredentials(basic('nocolon'))).toBeNull();
  });

  it('a fixed pair: both must match; building it without a password fails', () => {
    const authorize = staticCredentialsAuthorizer('ops', 's3cret-long-enough');
    expect(authorize(basic('ops:s3cret-long-enough') as never)).toBe(true);
    expect(authorize(basic('ops:wrong') as never)).toBe(false);
    expect(authorize(basic('root:s3cret-long-enough') as never)).toBe(false);
    expect(authorize({ headers: {} } as never)).toBe(false);
    expect(() => staticCredentialsAuthorizer('ops', '')).toThrow(/password are required/);
  });
});
