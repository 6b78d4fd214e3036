import fs from 'node:fs';
import path from 'node:path';
import { Dex, ID, ModdedDex } from '@pkmn/sim';
import type { Species } from '@pkmn/sim';

// The Let's Go data of Pokémon Showdown as published on npm: @pkmn/sim with the gen7letsgo mod.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lgpeMod = require('@pkmn/mods/gen7letsgo');

let cached: ModdedDex | undefined;

export function lgpeDex(): ModdedDex {
  cached ??= Dex.mod('gen7letsgo' as ID, lgpeMod);
  return cached;
}

/** The 188 forms legal in LGPE: Showdown marks every other species non-standard or Illegal in this mod. */
export function lgpeSpecies(): Species[] {
  return lgpeDex()
    .species.all()
    .filter((s) => s.exists && !s.isNonstandard && s.tier !== 'Illegal');
}

/** Installed version of a package, found by walking up from its entry point (its exports hide package.json). */
export function packageVersion(name: string): string {
  let dir = path.dirname(require.resolve(name));
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
