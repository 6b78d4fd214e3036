import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { appRoutes, configuredPort, servesGet } from './app-sources';
import {
  allStrings,
  ancestors,
  asComposeFile,
  ComposeService,
  dependsOn,
  environment,
  healthcheckUrl,
  interpolate,
  isOneShot,
  parseDotenv,
  publishedPorts,
  startOrder,
  variableReferences,
} from './compose';
import { parseDockerfile, SECRET_NAME } from './dockerfile-lint';
import { appNames, inWorkspace, parseYaml, readText } from './workspace';

const compose = asComposeFile(parseYaml(readText('docker-compose.yml'), 'docker-compose.yml'));
const dev = parseYaml(readText('docker-compose.dev.yml'), 'docker-compose.dev.yml') as { services: Record<string, ComposeService> };
const services = compose.services;
const names = Object.keys(services);
const apps = appNames();
const MONITORING = ['prometheus', 'grafana', 'node-exporter', 'alertmanager'];
const longRunning = names.filter((n) => !isOneShot(services[n]));

/** The order `npm start` runs the services in (tools/stack/services.mjs, an ES module). */
function supervisorOrder(): string[] {
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./tools/stack/services.mjs'); console.log(JSON.stringify(m.services.map((s) => s.name)))"], {
    cwd: inWorkspace(),
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout) as string[];
}

describe('docker-compose.yml', () => {
  it('has the stack of the issue: db, redis, the migration, every app, and the monitoring profile', () => {
    expect(names.sort()).toEqual(['db', 'redis', 'migrate', ...apps, ...MONITORING].sort());
    for (const m of MONITORING) expect(services[m].profiles).toEqual(['monitoring']);
    for (const n of names.filter((x) => !MONITORING.includes(x))) expect(services[n].profiles).toBeUndefined();
    expect(services['db'].image).toMatch(/^postgres:15[-.]/);
  });

  it('builds every app from its Dockerfile (runtime stage), tagged from IMAGE_REGISTRY/IMAGE_TAG', () => {
    for (const app of apps) {
      const s = services[app];
      expect(s.build).toEqual({ context: '.', dockerfile: `docker/${app}.Dockerfile`, target: 'runtime' });
      expect(s.image).toBe(`\${IMAGE_REGISTRY:-predictiondex}/${app}:\${IMAGE_TAG:-latest}`);
    }
    expect(services['migrate'].image).toBe(services['etl'].image);
    expect(services['migrate'].command).toEqual(['node', 'main.js', 'migrate']);
  });

  it('gives every long-running service a healthcheck (the one-shot migration excepted)', () => {
    expect(names.filter((n) => isOneShot(services[n]))).toEqual(['migrate']);
    for (const n of longRunning) {
      const hc = services[n].healthcheck;
      expect({ n, test: hc?.test, disabled: hc?.disable ?? false }).toEqual({ n, test: expect.anything(), disabled: false });
      expect(hc!.interval).toBeDefined();
      expect(hc!.retries).toBeGreaterThan(0);
    }
  });

  it('checks each app on a route the app serves, on the port of its config', () => {
    for (const app of apps) {
      const url = healthcheckUrl(services[app].healthcheck!.test)!;
      expect(url.hostname).toBe('127.0.0.1');
      expect(Number(url.port)).toBe(configuredPort(app).port);
      expect(servesGet(appRoutes(app), url.pathname)).toBe(true);
      expect(url.pathname).toBe('/health/ready');
    }
  });

  it('starts in the intended order, gated by healthchecks (exit codes only for the one-shot migration)', () => {
    const order = startOrder(compose);
    const before = (a: string, b: string) => expect({ [a]: order.indexOf(a) < order.indexOf(b) }).toEqual({ [a]: true });
    const chain = ['migrate', 'mlflow-proxy', 'ml-builder', 'etl', 'api', 'ui'];
    for (let i = 1; i < chain.length; i++) expect(ancestors(compose, chain[i])).toContain(chain[i - 1]);
    for (const app of ['migrate', ...apps]) {
      before('db', app);
      if (app !== 'migrate') before('redis', app);
    }
    before('prometheus', 'grafana');
    for (const n of names) {
      for (const [dep, condition] of Object.entries(dependsOn(services[n]))) {
        expect({ n, dep, condition }).toEqual({ n, dep, condition: isOneShot(services[dep]) ? 'service_completed_successfully' : 'service_healthy' });
      }
    }
  });

  it('never makes the api wait for a trained model: ml-builder is a worker, healthy while idle', () => {
    expect(isOneShot(services['ml-builder'])).toBe(false);
    expect(services['ml-builder'].restart).toBe('unless-stopped');
    for (const n of ['api', 'ui']) {
      for (const a of ancestors(compose, n)) if (a !== 'migrate') expect(dependsOn(services[n])[a] ?? 'service_healthy').toBe('service_healthy');
    }
  });

  it('runs the same services in the same order as `npm start` (tools/stack)', () => {
    const supervised = supervisorOrder();
    expect(supervised.slice(0, 4)).toEqual(['migrate', 'mlflow-proxy', 'ml-builder', 'etl']);
    for (const n of supervised) expect(names).toContain(n);
    // Each service npm start runs comes after everything compose makes it wait for.
    for (const [i, n] of supervised.entries()) {
      for (const a of ancestors(compose, n)) if (supervised.includes(a)) expect({ [n]: supervised.indexOf(a) < i }).toEqual({ [n]: true });
    }
  });

  it('publishes neither the database nor Redis on the host; the rest only on BIND_ADDRESS (127.0.0.1 by default)', () => {
    expect(services['db'].ports).toBeUndefined();
    expect(services['redis'].ports).toBeUndefined();
    expect(services['db'].networks).toEqual(['data']);
    expect(services['redis'].networks).toEqual(['data']);
    expect(compose.networks?.['data']).toEqual({ internal: true });
    for (const n of names) {
      for (const p of publishedPorts(services[n])) expect(p.host).toMatch(/^\$\{BIND_ADDRESS:-127\.0\.0\.1\}:\$\{[A-Z_]+_PORT:-\d+\}$/);
    }
    for (const app of apps.filter((a) => services[a].ports)) {
      expect(publishedPorts(services[app]).map((p) => p.container)).toEqual([configuredPort(app).port]);
    }
  });

  it('has no default password: every secret is a required variable of .env', () => {
    const refs = allStrings(compose).flatMap(variableReferences);
    const secretRefs = refs.filter((r) => SECRET_NAME.test(r.name) && !r.name.endsWith('_FILE'));
    expect(secretRefs.length).toBeGreaterThan(5);
    for (const r of secretRefs) expect({ name: r.name, kind: r.kind }).toEqual({ name: r.name, kind: 'required' });
    for (const n of names) {
      for (const [key, value] of Object.entries(environment(services[n]))) {
        if (!SECRET_NAME.test(key) && !/_URL$/.test(key)) continue;
        // A secret-bearing value is built from variables, never written here.
        const literal = value.replace(/\$\{[^}]+\}/g, '');
        if (SECRET_NAME.test(key)) expect({ key, value }).toEqual({ key, value: expect.stringContaining('${') });
        expect({ key, literal }).not.toEqual({ key, literal: expect.stringMatching(/password|secret|changeme|admin:admin/i) });
      }
    }
    const all = JSON.stringify(compose);
    expect(all).not.toMatch(/GF_SECURITY_ADMIN_PASSWORD|GF_AUTH_ANONYMOUS_ENABLED.{0,5}true/);
  });

  it('runs every image as non-root: our images by their Dockerfile USER, third-party ones by `user:`', () => {
    for (const n of names) {
      const s = services[n];
      expect({ n, user: s.user }).not.toEqual({ n, user: expect.stringMatching(/^(root|0)(:|$)/) });
      if (s.build && typeof s.build === 'object') {
        const { dockerfile, target } = s.build;
        const stage = parseDockerfile(readText(dockerfile!)).stages.find((st) => st.name === target)!;
        const user = stage.instructions.filter((i) => i.keyword === 'USER').pop()?.args;
        expect({ n, user }).toEqual({ n, user: 'node' });
      } else if (n === 'db' || n === 'redis') {
        // The official images start as root only to own their data folder, then drop to their own
        // user (gosu): every capability except those few is dropped.
        expect(s.cap_drop).toEqual(['ALL']);
        expect(s.cap_add!.every((c) => ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'].includes(c))).toBe(true);
      } else {
        expect({ n, user: s.user }).toEqual({ n, user: expect.stringMatching(/^[1-9]\d*(:\d+)?$/) });
      }
    }
  });

  it('hardens every container: no capabilities, no-new-privileges, read-only root, restart policy, limits', () => {
    for (const n of names) {
      const s = services[n];
      expect({ n, drop: s.cap_drop, opt: s.security_opt }).toEqual({ n, drop: ['ALL'], opt: ['no-new-privileges:true'] });
      expect({ n, read_only: s.read_only }).toEqual({ n, read_only: true });
      expect({ n, restart: s.restart }).toEqual({ n, restart: isOneShot(s) ? 'no' : 'unless-stopped' });
      expect(s.deploy?.resources?.limits?.memory).toMatch(/^\d+[mg]$/);
      expect(s.deploy?.resources?.limits?.cpus).toMatch(/^\d+(\.\d+)?$/);
      if (s.build) expect({ n, init: s['init'] }).toEqual({ n, init: true });
    }
  });

  it('keeps state in named volumes, and mounts the infra/ configs that exist', () => {
    const stateful: Record<string, string> = {
      db: '/var/lib/postgresql/data',
      redis: '/data',
      'mlflow-proxy': '/data/mlartifacts',
      'ml-builder': '/data/datasets',
      api: '/data/model-cache',
      prometheus: '/prometheus',
      grafana: '/var/lib/grafana',
      alertmanager: '/alertmanager',
    };
    for (const [n, target] of Object.entries(stateful)) {
      const mount = (services[n].volumes as string[]).find((v) => v.split(':')[1] === target);
      expect({ n, mount }).toEqual({ n, mount: expect.stringMatching(/^[a-z][a-z0-9-]*:/) });
      expect(Object.keys(compose.volumes ?? {})).toContain(mount!.split(':')[0]);
    }
    for (const n of names) {
      for (const v of (services[n].volumes ?? []) as string[]) {
        const source = v.split(':')[0];
        if (source.startsWith('./')) expect({ n, source, exists: fs.existsSync(inWorkspace(source)) }).toEqual({ n, source, exists: true });
      }
    }
    expect((services['prometheus'].volumes as string[]).map((v) => v.split(':')[0])).toEqual(expect.arrayContaining(['./infra/prometheus/prometheus.yml', './infra/prometheus/rules']));
    expect((services['grafana'].volumes as string[]).map((v) => v.split(':')[0])).toEqual(
      expect.arrayContaining(['./infra/grafana/provisioning', './infra/grafana/dashboards', './infra/grafana/grafana.ini']),
    );
    expect((services['alertmanager'].volumes as string[]).map((v) => v.split(':')[0])).toContain('./infra/alertmanager/alertmanager.yml');
  });

  it('points the apps at each other by service name, with one mlflow-proxy token per client', () => {
    const env = (n: string) => environment(services[n]);
    expect(env('ml-builder')['MLFLOW_TRACKING_URI']).toBe('http://mlflow-proxy:5000');
    expect(env('api')['MLFLOW_TRACKING_URI']).toBe('http://mlflow-proxy:5000');
    expect(env('ui')['API_URL']).toBe('http://api:8000');
    expect(env('mlflow-proxy')['MLFLOW_TOKENS']).toBe(
      'ml-builder:${MLFLOW_BUILDER_TOKEN:?set MLFLOW_BUILDER_TOKEN in .env}:write,api:${MLFLOW_API_TOKEN:?set MLFLOW_API_TOKEN in .env}:read,ui:${MLFLOW_UI_TOKEN:?set MLFLOW_UI_TOKEN in .env}:read',
    );
    expect(env('ml-builder')['MLFLOW_TRACKING_TOKEN']).toContain('MLFLOW_BUILDER_TOKEN');
    expect(env('api')['MLFLOW_TRACKING_TOKEN']).toContain('MLFLOW_API_TOKEN');
    expect(env('ui')['MLFLOW_TRACKING_TOKEN']).toContain('MLFLOW_UI_TOKEN');
    for (const app of apps) expect(env(app)['NODE_ENV']).toBe('production');
  });
});

describe('.env.example', () => {
  const example = parseDotenv(readText('.env.example'));
  const used = new Set([...allStrings(compose), ...allStrings(dev)].flatMap(variableReferences).map((r) => r.name));

  it('lists every variable the compose files use (and only those)', () => {
    const listed = new Set(Object.keys(example));
    listed.delete('COMPOSE_PROJECT_NAME');
    // POSTGRES_USER/DB appear in the db healthcheck as $$VAR (the container's), not compose variables.
    expect([...used].filter((v) => !listed.has(v) && v !== 'DB_PORT')).toEqual([]);
    expect([...listed].filter((v) => !used.has(v))).toEqual([]);
  });

  it('holds no working secret: every secret is a "change-me-dev-only" placeholder', () => {
    const secrets = Object.entries(example).filter(([k]) => SECRET_NAME.test(k) && !k.endsWith('_FILE'));
    expect(secrets.map(([k]) => k).sort()).toEqual(['API_ADMIN_KEY', 'MLFLOW_API_TOKEN', 'MLFLOW_BUILDER_TOKEN', 'MLFLOW_UI_TOKEN', 'POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'UI_API_KEY']);
    for (const [k, v] of secrets) expect({ k, v }).toEqual({ k, v: expect.stringMatching(/^change-me-dev-only-[a-z0-9-]+$/) });
  });

  it('interpolates into a complete configuration (no required variable left unset)', () => {
    for (const s of allStrings(compose)) expect(() => interpolate(s, example)).not.toThrow();
    expect(() => interpolate('${POSTGRES_PASSWORD:?set it}', {})).toThrow(/POSTGRES_PASSWORD/);
  });
});

describe('docker-compose.dev.yml', () => {
  it('runs every app from mounted sources with node --watch (the dev stage), in development mode', () => {
    for (const app of apps) {
      const s = dev.services[app];
      expect(s.build).toEqual({ context: '.', dockerfile: `docker/${app}.Dockerfile`, target: 'dev' });
      expect(s.volumes).toEqual(expect.arrayContaining(['./apps:/workspace/apps:ro', './libs:/workspace/libs:ro']));
      expect(environment(s)['NODE_ENV']).toBe('development');
    }
    expect(dev.services['migrate'].command).toEqual(['node', 'tools/node/run-ts.cjs', 'apps/etl/src/main.ts', 'migrate']);
  });

  it('publishes PostgreSQL on 127.0.0.1 only', () => {
    expect(dev.services['db'].ports).toEqual(['127.0.0.1:${DB_PORT:-5432}:5432']);
  });
});
