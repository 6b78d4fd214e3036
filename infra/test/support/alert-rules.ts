import fs from 'node:fs';
import path from 'node:path';
import { readYaml } from './configs';
import { PROMETHEUS_DIR } from './observability-paths';

export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface RuleFile {
  file: string;
  groups: { name: string; rules: AlertRule[] }[];
}

export interface RuleTestFile {
  file: string;
  rule_files: string[];
  tests: { name?: string; alert_rule_test?: { eval_time: string; alertname: string; exp_alerts?: unknown[] }[] }[];
}

export const RULES_DIR = path.join(PROMETHEUS_DIR, 'rules');
export const RULE_TESTS_DIR = path.join(PROMETHEUS_DIR, 'tests');

export function ruleFiles(): RuleFile[] {
  return fs
    .readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.rules.yml'))
    .sort()
    .map((f) => ({ file: f, ...readYaml<Omit<RuleFile, 'file'>>(path.join(RULES_DIR, f)) }));
}

export function ruleTestFiles(): RuleTestFile[] {
  return fs
    .readdirSync(RULE_TESTS_DIR)
    .filter((f) => f.endsWith('.test.yml'))
    .sort()
    .map((f) => ({ file: f, ...readYaml<Omit<RuleTestFile, 'file'>>(path.join(RULE_TESTS_DIR, f)) }));
}

export const allAlerts = (): AlertRule[] => ruleFiles().flatMap((f) => f.groups.flatMap((g) => g.rules));
