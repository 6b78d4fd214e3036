import fs from 'node:fs';
import path from 'node:path';
import { MODEL_FILES } from '@predictiondex/model';

/** Which registry version a cached package is, and where it came from. */
export interface CachedModelRef {
  name: string;
  version: string;
  alias: string;
  runId: string | null;
  /** The registry source of the version (`runs:/...`, `mlflow-artifacts:/...`). */
  source: string | null;
  downloadedAt: string;
}

const SAFE_SEGMENT = /^[A-Za-z0-9._-]{1,128}$/;
const POINTER = 'current.json';

function safe(what: string, value: string): string {
  if (!SAFE_SEGMENT.test(value) || value === '.' || value === '..') throw new Error(`Refusing ${what} '${value}' as a cache path segment`);
  return value;
}

/**
 * Model packages on local disk, so a restart without the registry still serves the last model:
 * `<root>/<name>/v<version>/{model.json,feature-spec.json,metadata.json}` plus `<root>/<name>/current.json`
 * naming the version being served. Every write is a temp file or folder renamed into place, so a
 * crash mid-download never leaves a half package or a pointer to one.
 */
export class ModelPackageCache {
  constructor(readonly root: string) {}

  versionDir(name: string, version: string): string {
    return path.join(this.root, safe('model name', name), `v${safe('model version', version)}`);
  }

  has(name: string, version: string): boolean {
    const dir = this.versionDir(name, version);
    return Object.values(MODEL_FILES).every((f) => fs.existsSync(path.join(dir, f)));
  }

  /** Downloads the package's files with `fetchFile` into a temp folder, then renames it into place. */
  async store(name: string, version: string, fetchFile: (file: string) => Promise<Uint8Array>): Promise<string> {
    const dir = this.versionDir(name, version);
    if (this.has(name, version)) return dir;
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    fs.mkdirSync(tmp, { recursive: true });
    try {
      for (const file of Object.values(MODEL_FILES)) fs.writeFileSync(path.join(tmp, file), await fetchFile(file));
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    return dir;
  }

  readCurrent(name: string): CachedModelRef | null {
    const file = path.join(this.root, safe('model name', name), POINTER);
    try {
      const ref = JSON.parse(fs.readFileSync(file, 'utf8')) as CachedModelRef;
      return ref.name === name && typeof ref.version === 'string' && this.has(name, ref.version) ? ref : null;
    } catch {
      return null;
    }
  }

  writeCurrent(ref: CachedModelRef): void {
    const dir = path.join(this.root, safe('model name', ref.name));
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${POINTER}.tmp-${process.pid}-${Date.now()}`);
    fs.writeFileSync(tmp, JSON.stringify(ref, null, 2));
    fs.renameSync(tmp, path.join(dir, POINTER));
  }

  /** Deletes every cached version of `name` but `keep` (and leftovers of interrupted downloads). */
  prune(name: string, keep: readonly string[]): void {
    const dir = path.join(this.root, safe('model name', name));
    if (!fs.existsSync(dir)) return;
    const kept = new Set(keep.map((v) => `v${v}`));
    for (const entry of fs.readdirSync(dir)) {
      if (entry === POINTER || kept.has(entry)) continue;
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}
