#!/usr/bin/env node
// Prints the SPA's production bundle sizes (gzipped) after `vite build` and fails when the initial
// JavaScript — the entry chunk and every chunk it imports statically, what a first visit downloads
// before anything renders — is over budget. Lazy chunks (one per page) are listed, not budgeted.
//   node apps/ui/scripts/bundle-size.mjs [outDir]     (default dist/apps/ui/client)
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Initial JavaScript budget, gzipped. */
export const INITIAL_JS_BUDGET_BYTES = 250 * 1000;

/** Files of the entry chunk and of its static imports, transitively (Vite's manifest.json). */
export function initialChunks(manifest) {
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  entries.forEach(visit);
  const js = [...seen].map((k) => manifest[k].file);
  const css = [...new Set([...seen].flatMap((k) => manifest[k].css ?? []))];
  return { js, css };
}

export function measure(outDir) {
  const manifestFile = path.join(outDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} not found: run vite build first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const size = (file) => {
    const data = fs.readFileSync(path.join(outDir, file));
    return { file, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  };
  const initial = initialChunks(manifest);
  const initialJs = initial.js.map(size);
  const initialCss = initial.css.map(size);
  const all = [...new Set(Object.values(manifest).map((c) => c.file).filter((f) => f.endsWith('.js')))];
  const lazy = all.filter((f) => !initial.js.includes(f)).map(size);
  const sum = (list) => list.reduce((s, x) => s + x.gzip, 0);
  return { initialJs, initialCss, lazy, initialJsGzip: sum(initialJs), lazyGzip: sum(lazy) };
}

const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

function main() {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  const outDir = path.resolve(root, process.argv[2] ?? 'dist/apps/ui/client');
  const r = measure(outDir);
  const lines = ['SPA bundle (gzip -9):'];
  for (const f of r.initialJs) lines.push(`  initial  ${kb(f.gzip).padStart(9)}  (${kb(f.raw)} raw)  ${f.file}`);
  for (const f of r.initialCss) lines.push(`  css      ${kb(f.gzip).padStart(9)}  (${kb(f.raw)} raw)  ${f.file}`);
  for (const f of r.lazy.sort((a, b) => b.gzip - a.gzip)) lines.push(`  lazy     ${kb(f.gzip).padStart(9)}  (${kb(f.raw)} raw)  ${f.file}`);
  lines.push(`initial JS: ${kb(r.initialJsGzip)} gzipped (budget ${kb(INITIAL_JS_BUDGET_BYTES)}); lazy page chunks: ${kb(r.lazyGzip)} gzipped in ${r.lazy.length} files`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (r.initialJsGzip > INITIAL_JS_BUDGET_BYTES) {
    process.stderr.write(`bundle-size: initial JS ${kb(r.initialJsGzip)} is over the ${kb(INITIAL_JS_BUDGET_BYTES)} budget\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
