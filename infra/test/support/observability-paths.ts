import path from 'node:path';
import { WORKSPACE_ROOT } from '@predictiondex/testing';

/** The Debian packages' binaries (prometheus, prometheus-alertmanager, prometheus-node-exporter). */
export const BIN = {
  prometheus: '/usr/bin/prometheus',
  promtool: '/usr/bin/promtool',
  alertmanager: '/usr/bin/prometheus-alertmanager',
  amtool: '/usr/bin/amtool',
  nodeExporter: '/usr/bin/prometheus-node-exporter',
} as const;

export const INFRA_DIR = path.join(WORKSPACE_ROOT, 'infra');
export const PROMETHEUS_DIR = path.join(INFRA_DIR, 'prometheus');
export const ALERTMANAGER_DIR = path.join(INFRA_DIR, 'alertmanager');
export const GRAFANA_DIR = path.join(INFRA_DIR, 'grafana');
