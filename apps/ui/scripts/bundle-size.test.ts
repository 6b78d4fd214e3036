import { describe, expect, it } from 'vitest';
import { INITIAL_JS_BUDGET_BYTES, initialChunks } from './bundle-size.mjs';

describe('bundle-size', () => {
  it('counts the entry chunk and its static imports as initial, not the lazy pages', () => {
    const manifest = {
      'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_vendor.js'], css: ['assets/index.css'], dynamicImports: ['src/pages/a.tsx'] },
      '_vendor.js': { file: 'assets/vendor-2.js', imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared-3.js' },
      'src/pages/a.tsx': { file: 'assets/a-4.js', isDynamicEntry: true, imports: ['_shared.js'] },
    };
    expect(initialChunks(manifest)).toEqual({ js: ['assets/index-1.js', 'assets/vendor-2.js', 'assets/shared-3.js'], css: ['assets/index.css'] });
    expect(INITIAL_JS_BUDGET_BYTES).toBe(250_000);
  });
});
