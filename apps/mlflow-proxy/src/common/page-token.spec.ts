import { MlflowError } from './mlflow-error';
import { decodePageToken, encodePageToken, pageOf } from './page-token';

describe('page tokens', () => {
  it('round-trips an offset and treats no token as the first page', () => {
    expect(decodePageToken(encodePageToken(250))).toBe(250);
    expect(decodePageToken(undefined)).toBe(0);
    expect(decodePageToken('')).toBe(0);
  });

  it('refuses tampered tokens', () => {
    for (const token of ['!!!', Buffer.from('{"offset":-1}').toString('base64'), Buffer.from('{"offset":"3"}').toString('base64'), Buffer.from('[]').toString('base64')]) {
      expect(() => decodePageToken(token)).toThrow(MlflowError);
    }
  });

  it('cuts a page fetched with one extra row', () => {
    expect(pageOf([1, 2, 3], 0, 2)).toEqual({ items: [1, 2], nextPageToken: encodePageToken(2) });
    expect(pageOf([1, 2], 0, 2)).toEqual({ items: [1, 2] });
  });
});
