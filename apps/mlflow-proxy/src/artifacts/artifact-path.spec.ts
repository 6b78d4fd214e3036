import fc from 'fast-check';
import { resolve, sep } from 'node:path';
import { MlflowError } from '../common/mlflow-error';
import { isSafeArtifactPath, normalizeArtifactPath } from './artifact-path';

describe('artifact paths', () => {
  it.each([
    '1/abc/artifacts/model/MLmodel',
    'a//b/',
    'models/m1',
    'file with spaces.txt',
    '..hidden-but-not-a-segment',
    'a/b..c/d',
    '',
  ])('accepts %p', (p) => expect(isSafeArtifactPath(p)).toBe(true));

  it.each([
    '..',
    '../x',
    'a/../../x',
    'a/./b',
    '/etc/passwd',
    '~/x',
    'C:/x',
    'c:x',
    'a\\..\\b',
    'a/\0/b',
    '%2e%2e/x',
    '%2E%2E%2Fx',
    '..%2fx',
    '%252e%252e%252fx',
    '%25252e%25252e/x',
    '%2fetc',
    '%5c..%5c',
    '%E0%A4%A',
    '.uploads/x',
    '.uploads',
  ])('refuses %p', (p) => expect(isSafeArtifactPath(p)).toBe(false));

  it('normalises empty segments and throws INVALID_PARAMETER_VALUE otherwise', () => {
    expect(normalizeArtifactPath('a//b/')).toBe('a/b');
    expect(normalizeArtifactPath(undefined)).toBe('');
    expect(() => normalizeArtifactPath('../x')).toThrow(MlflowError);
  });

  it('property: every path it accepts resolves inside the root', () => {
    const root = resolve('/srv/artifacts');
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '', '%2e%2e', '%2e', '%252e%252e', '..%2f', '%2f', '\\', 'C:', '~', '.uploads', 'a', 'b.txt', '...'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.boolean(), (segments, leadingSlash) => {
        const p = (leadingSlash ? '/' : '') + segments.join('/');
        if (!isSafeArtifactPath(p)) return;
        // Whatever layer decodes it next (once, twice) must stay inside.
        let decoded = p;
        for (let i = 0; i < 3; i++) {
          const target = resolve(root, decoded);
          expect(target === root || target.startsWith(root + sep)).toBe(true);
          const next = decodeURIComponent(decoded);
          if (next === decoded) break;
          decoded = next;
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
  });
});
