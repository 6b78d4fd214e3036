#!/usr/bin/env node
// Runs a TypeScript entry point straight from source (no build step) with the workspace's path
// aliases and decorator metadata: what `nx serve <app>` and the npm start/run scripts use locally.
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.cjs <entry.ts> [args...]');
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '-r', '@swc-node/register', path.resolve(root, entry), ...args],
  { stdio: 'inherit', cwd: process.cwd(), env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') } },
);
process.exit(result.status ?? 1);
