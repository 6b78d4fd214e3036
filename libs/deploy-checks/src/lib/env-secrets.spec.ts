import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configErrors } from './app-config';
import { asComposeFile, environment, interpolate, parseDotenv } from './compose';
import { appNames, inWorkspace, parseYaml, readText } from './workspace';

const compose = asComposeFile(parseYaml(readText('docker-compose.yml'), 'docker-compose.yml'));
const apps = appNames();
const serviceApp: Record<string, string> = { migrate: 'etl', ...Object.fromEntries(apps.map((a) => [a, a])) };

/** The environment a compose service's container gets with these .env variables. */
const containerEnv = (service: string, vars: Record<string, string>) =>
  Object.fromEntries(Object.entries(environment(compose.services[service])).map(([k, v]) => [k, interpolate(v, vars)]));

describe('secrets: .env.example refuses to run, docker/init-env.mjs produces a stack that starts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-init-env-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('with the .env.example placeholders every service holding a secret refuses to start (production mode)', () => {
    const vars = parseDotenv(readText('.env.example'));
    const refused = Object.fromEntries(Object.keys(serviceApp).map((s) => [s, configErrors(serviceApp[s], containerEnv(s, vars))]));
    expect(refused['mlflow-proxy'].join('\n')).toMatch(/MLFLOW_TOKENS: holds a development value/);
    expect(refused['api'].join('\n')).toMatch(/API_KEYS: holds a development value/);
    expect(refused['api'].join('\n')).toMatch(/MLFLOW_TRACKING_TOKEN: holds a development value/);
    expect(refused['ui'].join('\n')).toMatch(/UI_API_KEY: holds a development value/);
    // mlflow-proxy is the first service after the migration: the stack stops there.
    expect(refused['migrate']).toEqual([]);
  });

  it('with the secrets init-env.mjs generates, every app service accepts its configuration in production mode', () => {
    const envFile = path.join(dir, '.env');
    const res = spawnSync(process.execPath, [inWorkspace('docker/init-env.mjs'), '--output', envFile, '--secrets-dir', path.join(dir, 'secrets')], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    const generated = fs.readFileSync(envFile, 'utf8');
    const vars = parseDotenv(generated);
    expect(generated).not.toMatch(/^[A-Z_]+=change-me/m);
    for (const k of ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'MLFLOW_BUILDER_TOKEN', 'MLFLOW_API_TOKEN', 'MLFLOW_UI_TOKEN', 'UI_API_KEY', 'API_ADMIN_KEY']) {
      expect(vars[k]).toMatch(/^[0-9a-f]{48}$/);
    }
    expect(new Set(Object.values(vars).filter((v) => /^[0-9a-f]{48}$/.test(v))).size).toBe(7);
    for (const s of Object.keys(serviceApp)) expect({ s, errors: configErrors(serviceApp[s], containerEnv(s, vars)) }).toEqual({ s, errors: [] });
    expect(fs.statSync(envFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(path.join(dir, 'secrets/grafana_admin_password'), 'utf8')).toMatch(/^[0-9a-f]{48}$/);
    expect(vars['GRAFANA_ADMIN_PASSWORD_FILE']).toBe(path.join(dir, 'secrets/grafana_admin_password'));
  });

  it('keeps existing files unless --force', () => {
    const envFile = path.join(dir, 'kept.env');
    fs.writeFileSync(envFile, 'MINE=1\n');
    spawnSync(process.execPath, [inWorkspace('docker/init-env.mjs'), '--output', envFile, '--secrets-dir', path.join(dir, 'secrets')]);
    expect(fs.readFileSync(envFile, 'utf8')).toBe('MINE=1\n');
    spawnSync(process.execPath, [inWorkspace('docker/init-env.mjs'), '--output', envFile, '--secrets-dir', path.join(dir, 'secrets'), '--force']);
    expect(fs.readFileSync(envFile, 'utf8')).toMatch(/^UI_API_KEY=[0-9a-f]{48}$/m);
  });
});
