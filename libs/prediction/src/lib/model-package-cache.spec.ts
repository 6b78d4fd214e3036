import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MODEL_FILES } from '@predictiondex/model';
import { ModelPackageCache } from './model-package-cache';

describe('ModelPackageCache', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-model-cache-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const files = (tag: string) => async (file: string) => Buffer.from(`${tag}:${file}`);
  const ref = (version: string) => ({ name: 'battle-winner', version, alias: 'champion', runId: 'r', source: 's', downloadedAt: 't' });

  it('stores a package atomically and points current.json at it', async () => {
    const cache = new ModelPackageCache(root);
    expect(cache.readCurrent('battle-winner')).toBeNull();
    const dir = await cache.store('battle-winner', '3', files('v3'));
    expect(fs.readFileSync(path.join(dir, MODEL_FILES.booster), 'utf8')).toBe('v3:model.json');
    expect(cache.has('battle-winner', '3')).toBe(true);
    cache.writeCurrent(ref('3'));
    expect(cache.readCurrent('battle-winner')?.version).toBe('3');
    expect(fs.readdirSync(path.dirname(dir)).sort()).toEqual(['current.json', 'v3']);
  });

  it('leaves nothing behind when a download fails half-way, and ignores a pointer to a missing package', async () => {
    const cache = new ModelPackageCache(root);
    let calls = 0;
    await expect(
      cache.store('battle-winner', '4', async (file) => {
        if (++calls === 2) throw new Error('connection reset');
        return Buffer.from(file);
      }),
    ).rejects.toThrow('connection reset');
    expect(fs.readdirSync(path.join(root, 'battle-winner'))).toEqual([]);
    cache.writeCurrent(ref('4'));
    expect(cache.readCurrent('battle-winner')).toBeNull();
  });

  it('prunes every version but the kept ones', async () => {
    const cache = new ModelPackageCache(root);
    for (const v of ['1', '2', '3']) await cache.store('battle-winner', v, files(v));
    cache.writeCurrent(ref('3'));
    cache.prune('battle-winner', ['3', '2']);
    expect(fs.readdirSync(path.join(root, 'battle-winner')).sort()).toEqual(['current.json', 'v2', 'v3']);
  });

  it('refuses names and versions that would leave the cache folder', () => {
    const cache = new ModelPackageCache(root);
    expect(() => cache.versionDir('../etc', '1')).toThrow(/cache path segment/);
    expect(() => cache.versionDir('battle-winner', '1/../../x')).toThrow(/cache path segment/);
    expect(() => cache.versionDir('..', '1')).toThrow(/cache path segment/);
  });
});
