#!/usr/bin/env node
// Runs a TypeScript entry point straight from source (no build step) with the workspace's path
// aliases and decorator metadata: what `nx serve <app>` and the npm start/run scripts use locally.
// It registers the compiler in this process rather than spawning a child, so signals (Ctrl-C,
// SIGTERM from a supervisor) reach the app itself.
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.cjs <entry.ts> [args...]');
  process.exit(2);
}
process.env.SWC_NODE_PROJECT ??= path.join(root, 'tsconfig.base.json');
process.setSourceMapsEnabled(true);
require('@swc-node/register');
const file = path.resolve(process.cwd(), entry);
process.argv = [process.argv[0], file, ...args];
require(file);
