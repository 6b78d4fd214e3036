import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { configErrors } from './app-config';
import { appRoutes, configuredPort, servesGet } from './app-sources';
import { Container, K8sObject, kustomizationSchema, podSpec, validateK8sObject } from './k8s-schema';
import { appNames, inWorkspace, parseYamlDocuments } from './workspace';

const K8S = inWorkspace('infra/k8s');
const apps = appNames();

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const files = yamlFiles(K8S).map((f) => path.relative(K8S, f)).sort();
const docsByFile = new Map(files.map((f) => [f, parseYamlDocuments(fs.readFileSync(path.join(K8S, f), 'utf8'), f) as K8sObject[]]));
const kustomizations = files.filter((f) => path.basename(f) === 'kustomization.yaml');
const manifests = files.filter((f) => !kustomizations.includes(f));
const objects = manifests.flatMap((f) => docsByFile.get(f)!.map((doc) => ({ file: f, doc })));
const byKind = (kind: string) => objects.filter((o) => o.doc.kind === kind).map((o) => o.doc);
const find = (kind: string, name: string) => byKind(kind).find((d) => d.metadata.name === name);
const deployments = byKind('Deployment');
const secretTemplate = find('Secret', 'predictiondex-secrets')!;
const config = find('ConfigMap', 'predictiondex-config')!;

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);
const templateLabels = (d: K8sObject) => (d.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const mainContainer = (d: K8sObject): Container => podSpec(d)!.containers[0];
const appOf = (d: K8sObject) => mainContainer(d).image.replace(/^predictiondex\//, '').split(':')[0];

/** The environment the container gets: the ConfigMap, then env (secrets resolved with these values, $(VAR) expanded). */
function containerEnv(c: Container, secrets: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) if (from.configMapRef) Object.assign(env, (find('ConfigMap', from.configMapRef.name) as unknown as { data: Record<string, string> }).data);
  for (const e of c.env ?? []) {
    if (e.valueFrom?.secretKeyRef) env[e.name] = secrets[e.valueFrom.secretKeyRef.key];
    else env[e.name] = (e.value ?? '').replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string) => env[name] ?? whole);
  }
  return env;
}

describe('infra/k8s manifests', () => {
  it('parse, and every object passes the offline schema', () => {
    expect(manifests.length).toBeGreaterThan(5);
    for (const { file, doc } of objects) expect({ file, kind: doc.kind, name: doc.metadata?.name, errors: validateK8sObject(doc) }).toMatchObject({ errors: [] });
    for (const k of kustomizations) {
      const result = kustomizationSchema.safeParse(docsByFile.get(k)![0]);
      expect({ k, errors: result.success ? [] : result.error.issues }).toEqual({ k, errors: [] });
    }
  });

  it('the schema catches what a typo would silently drop', () => {
    const api = structuredClone(find('Deployment', 'api')!) as unknown as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
    const container = api.spec.template.spec.containers[0];
    container['readinessprobe'] = container['readinessProbe'];
    delete container['readinessProbe'];
    expect(validateK8sObject(api).join('\n')).toMatch(/Unrecognized key\(s\) in object: 'readinessprobe'/);
    expect(validateK8sObject({ ...find('Service', 'api')!, metadata: { name: 'Api_Service' } }).join('\n')).toMatch(/metadata.name: a DNS-1123 label/);
  });

  it('every manifest belongs to exactly one kustomization (the Secret template to none), and every resource exists', () => {
    const referenced = kustomizations.flatMap((k) =>
      (docsByFile.get(k)![0] as unknown as { resources: string[] }).resources.map((r) => path.normalize(path.join(path.dirname(k), r))),
    );
    for (const r of referenced) expect(files).toContain(r);
    expect(referenced.sort()).toEqual(manifests.filter((f) => f !== 'secret.template.yaml').sort());
    expect(new Set(referenced).size).toBe(referenced.length);
    for (const k of kustomizations) expect((docsByFile.get(k)![0] as unknown as { namespace: string }).namespace).toBe('predictiondex');
  });

  it('has what running beyond one machine needs: Deployments, Services, HPA (api), the migration Job, config, PDBs', () => {
    expect(deployments.map(appOf).sort()).toEqual(apps);
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(apps);
    expect(find('HorizontalPodAutoscaler', 'api')!.spec).toMatchObject({ scaleTargetRef: { kind: 'Deployment', name: 'api' }, minReplicas: 2 });
    for (const d of deployments) {
      expect(byKind('PodDisruptionBudget').some((p) => matches((p.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels, templateLabels(d)))).toBe(true);
      expect(byKind('Service').some((s) => matches((s.spec as { selector: Record<string, string> }).selector, templateLabels(d)))).toBe(true);
    }
    const job = find('Job', 'predictiondex-migrate')!;
    expect(mainContainer(job)).toMatchObject({ image: 'predictiondex/etl', command: ['node', 'main.js', 'migrate'] });
    expect(config).toBeDefined();
    expect(secretTemplate).toBeDefined();
    expect(Object.values((secretTemplate as unknown as { stringData: Record<string, string> }).stringData).every((v) => v === '')).toBe(true);
  });

  it('selectors select their own pods; Services reach a named container port', () => {
    for (const d of deployments) {
      expect(matches((d.spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels, templateLabels(d))).toBe(true);
    }
    for (const svc of byKind('Service')) {
      const spec = svc.spec as { selector: Record<string, string>; ports: { port: number; targetPort: string | number }[] };
      const targets = deployments.filter((d) => matches(spec.selector, templateLabels(d)));
      expect({ svc: svc.metadata.name, targets: targets.length }).toEqual({ svc: svc.metadata.name, targets: 1 });
      const ports = mainContainer(targets[0]).ports ?? [];
      for (const p of spec.ports) {
        const target = ports.find((cp) => cp.name === p.targetPort || cp.containerPort === p.targetPort);
        expect(target?.containerPort).toBe(p.port);
      }
    }
  });

  it.each(apps)('%s: listens on its configured port and is probed on /health/live and /health/ready, routes it serves', (app) => {
    const d = find('Deployment', app)!;
    const c = mainContainer(d);
    const { variable, port } = configuredPort(app);
    expect(c.ports).toEqual([{ name: 'http', containerPort: port }]);
    expect(c.env?.find((e) => e.name === variable)?.value).toBe(String(port));
    expect(c.startupProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port: 'http' });
    const routes = appRoutes(app);
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) expect(servesGet(routes, probe!.httpGet.path)).toBe(true);
  });

  it('gives each app an environment its config accepts in production mode (secrets from the template keys)', () => {
    const keys = Object.keys((secretTemplate as unknown as { stringData: Record<string, string> }).stringData);
    const secrets: Record<string, string> = Object.fromEntries(keys.map((k) => [k, randomBytes(24).toString('hex')]));
    secrets['DATABASE_URL'] = 'postgres://predictiondex:secret@postgres.example.internal:5432/predictiondex?sslmode=require';
    secrets['REDIS_URL'] = 'rediss://:secret@redis.example.internal:6380';
    for (const d of [...deployments, find('Job', 'predictiondex-migrate')!]) {
      const c = mainContainer(d);
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) expect({ key: e.valueFrom.secretKeyRef.key, known: keys.includes(e.valueFrom.secretKeyRef.key) }).toEqual({ key: e.valueFrom.secretKeyRef.key, known: true });
      const env = containerEnv(c, secrets);
      expect(env['NODE_ENV']).toBe('production');
      expect({ name: d.metadata.name, errors: configErrors(appOf(d), env) }).toEqual({ name: d.metadata.name, errors: [] });
      expect(Object.values(env).join(' ')).not.toMatch(/\$\(/);
    }
  });

  it('writes only to mounted volumes (read-only root filesystem): every data folder is a mount', () => {
    const dataVars: Record<string, string> = { api: 'MODEL_CACHE_DIR', 'ml-builder': 'ML_DATA_DIR', 'mlflow-proxy': 'MLFLOW_ARTIFACT_ROOT' };
    for (const d of deployments) {
      const spec = podSpec(d)!;
      const c = spec.containers[0];
      const volumes = new Set((spec.volumes ?? []).map((v) => v.name));
      for (const m of c.volumeMounts ?? []) expect(volumes).toContain(m.name);
      expect((c.volumeMounts ?? []).map((m) => m.mountPath)).toContain('/tmp');
      const dataVar = dataVars[appOf(d)];
      if (dataVar) expect((c.volumeMounts ?? []).map((m) => m.mountPath)).toContain(c.env!.find((e) => e.name === dataVar)!.value);
      for (const v of spec.volumes ?? []) if (v.persistentVolumeClaim) expect(find('PersistentVolumeClaim', v.persistentVolumeClaim.claimName)).toBeDefined();
    }
    // A ReadWriteOnce volume cannot follow a rolling update onto another node.
    expect((find('Deployment', 'mlflow-proxy')!.spec as { strategy: { type: string } }).strategy.type).toBe('Recreate');
  });

  it('pins every image through the kustomization image list', () => {
    for (const k of kustomizations) {
      const images = ((docsByFile.get(k)![0] as unknown as { images: { name: string; newTag: string }[] }).images ?? []).map((i) => i.name);
      const dir = path.dirname(k);
      const used = objects.filter((o) => path.dirname(o.file) === dir).flatMap((o) => (podSpec(o.doc)?.containers ?? []).map((c) => c.image));
      for (const image of used) expect(images).toContain(image);
    }
    for (const o of objects) for (const c of podSpec(o.doc)?.containers ?? []) expect(c.image).not.toMatch(/:latest$/);
  });
});
