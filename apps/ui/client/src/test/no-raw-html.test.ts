import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sources(full);
    return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.test.tsx') ? [full] : [];
  });
}

/** Built to fail: the names are split so that this file does not match itself. */
const BANNED = [['dangerously', 'SetInnerHTML'], ['inner', 'HTML'], ['outer', 'HTML'], ['insertAdjacent', 'HTML'], ['document.', 'write'], ['new ', 'Function('], ['eval', '(']].map((p) => p.join(''));

describe('no raw HTML from data', () => {
  it('never sets HTML from strings in the SPA or the BFF', () => {
    const files = [...sources(path.join(UI, 'client/src')), ...sources(path.join(UI, 'src'))];
    expect(files.length).toBeGreaterThan(30);
    const hits = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => BANNED.filter((b) => line.includes(b)).map((b) => `${path.relative(UI, f)}:${i + 1}: ${b}`)),
    );
    expect(hits).toEqual([]);
  });
});
