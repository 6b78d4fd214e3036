import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { ALERTMANAGER_DIR, PROMETHEUS_DIR } from './observability-paths';

export interface ScrapeJob {
  job_name: string;
  static_configs: { targets: string[]; labels?: Record<string, string> }[];
  [key: string]: unknown;
}

export interface PrometheusConfig {
  global: Record<string, unknown>;
  rule_files: string[];
  alerting?: { alertmanagers: { static_configs: { targets: string[] }[] }[] };
  scrape_configs: ScrapeJob[];
}

export function readYaml<T>(file: string): T {
  return load(fs.readFileSync(file, 'utf8')) as T;
}

/**
 * The repository's local Prometheus config (prometheus.local.yml) pointed at test ports: each
 * job's target replaced, rule files made absolute, intervals shortened. Written as JSON (valid YAML).
 */
export function testPrometheusConfig(options: {
  targets: Record<string, string | null>;
  alertmanager?: string;
  extraJobs?: ScrapeJob[];
  intervalSeconds?: number;
  ruleFiles?: string[];
}): PrometheusConfig {
  const config = readYaml<PrometheusConfig>(path.join(PROMETHEUS_DIR, 'prometheus.local.yml'));
  const interval = `${options.intervalSeconds ?? 1}s`;
  config.global = { ...config.global, scrape_interval: interval, evaluation_interval: interval, scrape_timeout: interval };
  config.rule_files = options.ruleFiles ?? config.rule_files.map((f) => path.join(PROMETHEUS_DIR, f));
  config.scrape_configs = config.scrape_configs
    .filter((job) => options.targets[job.job_name] !== null)
    .map((job) => {
      const target = options.targets[job.job_name];
      if (target === undefined || target === null) throw new Error(`no test target for job '${job.job_name}' of prometheus.local.yml`);
      return { ...job, static_configs: [{ targets: [target] }] };
    });
  config.scrape_configs.push(...(options.extraJobs ?? []));
  if (options.alertmanager) config.alerting = { alertmanagers: [{ static_configs: [{ targets: [options.alertmanager] }] }] };
  else delete config.alerting;
  return config;
}

export function writeJson(file: string, value: unknown): string {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/**
 * The repository's alertmanager.yml for a test: the webhook URL file moved to `urlFile`, template
 * paths made absolute, and the grouping waits shortened so that a notification leaves at once.
 */
export function testAlertmanagerConfig(urlFile: string): string {
  const text = fs.readFileSync(path.join(ALERTMANAGER_DIR, 'alertmanager.yml'), 'utf8');
  const replaced = text
    .replace('api_url_file: /etc/alertmanager/secrets/chat-webhook-url', `api_url_file: ${urlFile}`)
    .replace('  - templates/*.tmpl', `  - ${path.join(ALERTMANAGER_DIR, 'templates')}/*.tmpl`)
    .replace('group_wait: 30s', 'group_wait: 1s')
    .replace('group_interval: 5m', 'group_interval: 1s');
  if (replaced.includes('/etc/alertmanager/secrets') || !replaced.includes('group_wait: 1s')) throw new Error('alertmanager.yml changed shape: update testAlertmanagerConfig');
  return replaced;
}
