import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Installed version of a package, found by walking up from its entry point (its exports hide package.json). */
export function packageVersion(name: string): string {
  // Resolved from the entry script, not with this module's require: a bundler rewrites that one.
  const resolveFrom = createRequire(path.resolve(process.argv[1] ?? path.join(process.cwd(), 'index.js')));
  let dir = path.dirname(resolveFrom.resolve(name));
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name && pkg.version) return pkg.version;
    }
    dir = path.dirname(dir);
  }
  return 'unknown';
}
