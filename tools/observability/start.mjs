#!/usr/bin/env node
// Prometheus, Alertmanager and node-exporter (Debian packages) on this machine, against the stack
// that `npm start` runs (every service on 127.0.0.1, default ports). Uses the repository's
// infra/prometheus/prometheus.local.yml and rules, and infra/alertmanager/alertmanager.yml with its
// webhook URL file under var/observability/. Without CHAT_WEBHOOK_URL, alerts go to a small local
// receiver that prints them here. Ctrl-C stops everything.
//
//   node tools/observability/start.mjs            # Prometheus :9090, Alertmanager :9093, node-exporter :9100
//   CHAT_WEBHOOK_URL=https://hooks.slack.com/services/... node tools/observability/start.mjs
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const state = path.join(root, 'var/observability');
fs.mkdirSync(state, { recursive: true });
const SINK_PORT = Number(process.env.ALERT_SINK_PORT ?? 9095);

const bins = { prometheus: '/usr/bin/prometheus', alertmanager: '/usr/bin/prometheus-alertmanager', node: '/usr/bin/prometheus-node-exporter' };
for (const [name, bin] of Object.entries(bins)) {
  if (!fs.existsSync(bin)) {
    console.error(`observability: ${bin} is missing (Debian package for ${name}): run npm run setup`);
    process.exit(1);
  }
}

let sink;
let webhook = process.env.CHAT_WEBHOOK_URL;
if (!webhook) {
  sink = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        const msg = JSON.parse(body);
        for (const a of msg.attachments ?? []) console.log(`[alert] ${a.title}\n${a.text}`);
      } catch {
        console.log(`[alert] ${body}`);
      }
      res.end('ok');
    });
  });
  sink.listen(SINK_PORT, '127.0.0.1');
  webhook = `http://127.0.0.1:${SINK_PORT}/chat`;
}
const urlFile = path.join(state, 'chat-webhook-url');
fs.writeFileSync(urlFile, webhook, { mode: 0o600 });

const amSource = fs.readFileSync(path.join(root, 'infra/alertmanager/alertmanager.yml'), 'utf8');
const amConfig = path.join(state, 'alertmanager.yml');
fs.writeFileSync(
  amConfig,
  amSource
    .replace('api_url_file: /etc/alertmanager/secrets/chat-webhook-url', `api_url_file: ${urlFile}`)
    .replace('  - templates/*.tmpl', `  - ${path.join(root, 'infra/alertmanager/templates')}/*.tmpl`),
);

const children = [];
function run(name, bin, args) {
  const child = spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (d) => process.stdout.write(d.toString().replace(/^(?=.)/gm, prefix)));
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${code ?? signal}); stopping`);
      stop(1);
    }
  });
  children.push(child);
}

run('node-exporter', bins.node, ['--web.listen-address=127.0.0.1:9100']);
run('alertmanager', bins.alertmanager, [`--config.file=${amConfig}`, `--storage.path=${path.join(state, 'alertmanager')}`, '--web.listen-address=127.0.0.1:9093', '--cluster.listen-address=']);
run('prometheus', bins.prometheus, [
  `--config.file=${path.join(root, 'infra/prometheus/prometheus.local.yml')}`,
  `--storage.tsdb.path=${path.join(state, 'prometheus')}`,
  '--storage.tsdb.retention.time=7d',
  '--web.listen-address=127.0.0.1:9090',
]);
console.log(`observability: Prometheus http://127.0.0.1:9090  Alertmanager http://127.0.0.1:9093  node-exporter http://127.0.0.1:9100/metrics${sink ? `  alerts printed here (receiver :${SINK_PORT})` : ''}`);

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  sink?.close();
  setTimeout(() => process.exit(code), 2000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.on('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
