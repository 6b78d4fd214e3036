#!/usr/bin/env node
// `npm test`: every project's unit specs, then every project's integration specs (one project at a
// time: they share the machine's PostgreSQL, Redis and two cores), then one closing line that CI
// reads: "tests: N passed, N failed". Extra arguments go to nx (e.g. `npm test -- -p pokedex`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const resultsDir = path.join(root, 'tmp/test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const extra = process.argv.slice(2);
const nx = (target, parallel) =>
  spawnSync('npx', ['nx', 'run-many', '-t', target, `--parallel=${parallel}`, '--outputStyle=stream', '--skipNxCache', ...extra], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', NX_DAEMON: 'false' },
  }).status;

const unitStatus = nx('test', 2);
const integrationStatus = nx('integration', 1);

let passed = 0;
let failed = 0;
let suitesFailed = 0;
for (const file of fs.readdirSync(resultsDir).filter((f) => f.endsWith('.json'))) {
  const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  suitesFailed += r.numFailedTestSuites;
}
// A suite that fails to load runs no test; count it as a failure so it cannot pass silently.
const failures = failed + (failed === 0 && (unitStatus !== 0 || integrationStatus !== 0 || suitesFailed) ? Math.max(1, suitesFailed) : 0);
console.log(`\ntests: ${passed} passed, ${failures} failed`);
process.exit(unitStatus === 0 && integrationStatus === 0 && failures === 0 && passed > 0 ? 0 : 1);
