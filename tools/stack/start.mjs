#!/usr/bin/env node
// `npm start`: runs the whole stack on this machine as processes (no Docker), in the order of
// services.mjs, waiting for each to be healthy before the next, with prefixed logs. Ctrl-C (or
// SIGTERM) stops every service, last started first, and waits for them to exit.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { services, stackToolEnv, stackUrls } from './services.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const HEALTH_TIMEOUT_MS = Number(process.env.STACK_HEALTH_TIMEOUT_MS ?? 180_000);
const colors = [36, 35, 33, 32, 34, 31, 96, 95];
const width = Math.max(...services.map((s) => s.name.length));
const running = [];
let stopping = false;

const say = (msg) => console.log(`\x1b[1m[stack]\x1b[0m ${msg}`);

function prefixed(stream, name, color) {
  const rl = readline.createInterface({ input: stream });
  rl.on('line', (line) => process.stdout.write(`\x1b[${color}m${name.padEnd(width)} |\x1b[0m ${line}\n`));
}

function start(service, index) {
  const child = spawn(service.command[0], service.command.slice(1), {
    cwd: root,
    env: { ...process.env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const color = colors[index % colors.length];
  prefixed(child.stdout, service.name, color);
  prefixed(child.stderr, service.name, color);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { service, child, exited };
}

async function waitHealthy(proc) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let exited = false;
  proc.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited && !stopping) {
    try {
      const res = await fetch(proc.service.health, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  for (const proc of [...running].reverse()) {
    proc.child.kill('SIGTERM');
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
    await proc.exited;
    clearTimeout(timer);
    say(`${proc.service.name} stopped`);
  }
  process.exit(code);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

const prep = spawnSync('bash', ['tools/setup/local-services.sh'], { cwd: root, stdio: 'inherit' });
if (prep.status !== 0) process.exit(1);

for (const [i, service] of services.entries()) {
  if (stopping) break;
  say(`starting ${service.name}`);
  const proc = start(service, i);
  if (service.oneShot) {
    const { code } = await proc.exited;
    if (code !== 0) {
      say(`${service.name} failed (exit ${code})`);
      await stopAll(1);
    }
    continue;
  }
  running.push(proc);
  proc.exited.then(({ code, signal }) => {
    if (!stopping) {
      say(`${service.name} exited unexpectedly (${signal ?? `exit ${code}`})`);
      stopAll(1);
    }
  });
  if (!(await waitHealthy(proc))) {
    say(`${service.name} did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s`);
    await stopAll(1);
  }
  say(`${service.name} is healthy`);
}

say('the stack is up:');
for (const s of services.filter((s) => s.urls)) for (const [k, v] of Object.entries(s.urls)) say(`  ${s.name.padEnd(width)} ${k.padEnd(8)} ${v}`);
const toolEnv = Object.entries(stackToolEnv)
  .map(([k, v]) => `${k}=${v} `)
  .join('');
const skip = services.some((s) => s.name === 'ui') ? '' : ' --skip ui';
say(`check it:  ${toolEnv}node tools/node/run-ts.cjs tools/validate-stack/src/main.ts${skip}`);
say(`load it:   ${toolEnv}node tools/node/run-ts.cjs tools/loadgen/src/main.ts --mode realistic --duration 30`);
say('Ctrl-C stops everything.');
announceModel();

/** Says once when the api serves a champion: the first build takes a few minutes after the ETL. */
async function announceModel() {
  const api = services.find((s) => s.name === 'api');
  if (!api) return;
  const key = process.env.API_KEY ?? 'dev-only-api-key';
  say('predictions start once ml-builder has registered a champion (a few minutes on a fresh database)');
  while (!stopping) {
    try {
      const res = await fetch(`${stackUrls.API_URL}/predict/model-info`, { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        const info = await res.json();
        say(`the api serves ${info.name} v${info.version} (@${info.alias}): POST ${stackUrls.API_URL}/predict/best-move is live`);
        return;
      }
      if (res.status === 401 || res.status === 403) return;
    } catch {
      // the api is restarting or stopping
    }
    await new Promise((r) => setTimeout(r, 3000).unref());
  }
}
