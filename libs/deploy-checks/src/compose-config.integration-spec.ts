import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asComposeFile, dependsOn, isOneShot } from './lib/compose';
import { inWorkspace, parseYaml } from './lib/workspace';

// `docker-compose config` (Debian's docker-compose, no Docker engine needed) validates the files
// and renders them with anchors, merges and variables resolved: the checks below run on what
// compose itself understood.
const DOCKER_COMPOSE = '/usr/bin/docker-compose';

function compose(args: string[], envFile: string) {
  return spawnSync(DOCKER_COMPOSE, ['--project-directory', inWorkspace(), '--env-file', envFile, ...args], {
    cwd: inWorkspace(),
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
    timeout: 60_000,
  });
}

describe('docker-compose config', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-compose-'));
  const envFile = path.join(dir, '.env');
  beforeAll(() => {
    if (!fs.existsSync(DOCKER_COMPOSE)) throw new Error(`${DOCKER_COMPOSE} is missing: install the Debian package docker-compose (tools/setup/system-packages.txt)`);
    fs.copyFileSync(inWorkspace('.env.example'), envFile);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // docker-compose (Python) takes ~3 s per run: one render serves every check of the base file.
  let rendered: ReturnType<typeof asComposeFile>;

  it('accepts docker-compose.yml with .env.example as .env (exit 0), every service of both profiles', () => {
    const res = compose(['-f', 'docker-compose.yml', 'config'], envFile);
    expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 0, stderr: '' });
    rendered = asComposeFile(parseYaml(res.stdout, 'docker-compose config'));
    expect(Object.keys(rendered.services).sort()).toEqual(
      ['alertmanager', 'api', 'db', 'etl', 'grafana', 'migrate', 'ml-builder', 'mlflow-proxy', 'node-exporter', 'prometheus', 'redis', 'ui'].sort(),
    );
  });

  it('accepts it with the dev override', () => {
    const res = compose(['-f', 'docker-compose.yml', '-f', 'docker-compose.dev.yml', 'config', '-q'], envFile);
    expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('refuses to start without the secrets, naming the missing variable', () => {
    const empty = path.join(dir, 'empty.env');
    fs.writeFileSync(empty, '');
    const res = compose(['-f', 'docker-compose.yml', 'config', '-q'], empty);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/set (POSTGRES_PASSWORD|REDIS_PASSWORD|MLFLOW_\w+_TOKEN|UI_API_KEY|API_ADMIN_KEY) in \.env/);
  });

  it('renders healthchecks, start conditions and hardening as intended', () => {
    for (const [name, s] of Object.entries(rendered.services)) {
      if (!isOneShot(s)) expect({ name, test: s.healthcheck?.test, disable: s.healthcheck?.disable }).toEqual({ name, test: expect.any(Array), disable: undefined });
      for (const [dep, condition] of Object.entries(dependsOn(s))) {
        expect({ name, dep, condition }).toEqual({ name, dep, condition: dep === 'migrate' ? 'service_completed_successfully' : 'service_healthy' });
      }
      expect({ name, cap_drop: s.cap_drop, read_only: s.read_only }).toEqual({ name, cap_drop: ['ALL'], read_only: true });
      expect(s.security_opt).toEqual(['no-new-privileges:true']);
    }
    expect(rendered.services['db'].ports).toBeUndefined();
    expect(rendered.services['api'].ports).toEqual(['127.0.0.1:8000:8000/tcp']);
    const env = rendered.services['api'].environment as Record<string, string>;
    expect(env['API_KEYS']).toBe('ui:change-me-dev-only-ui-api-key:read|predict,admin:change-me-dev-only-admin-api-key:admin');
    expect(env['DATABASE_URL']).toBe('postgres://predictiondex:change-me-dev-only-postgres-password@db:5432/predictiondex');
  });
});
