import fs from 'node:fs';
import { inWorkspace, parseYaml, readText } from './workspace';

interface Job {
  'runs-on': string;
  container?: string;
  services?: Record<string, { image: string }>;
  steps: { run?: string; uses?: string; name?: string }[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
}

const workflow = (name: string) => parseYaml(readText(`.github/workflows/${name}`), name) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

describe('.github/workflows', () => {
  it('are the three of the issue, each valid YAML with jobs', () => {
    expect(fs.readdirSync(inWorkspace('.github/workflows')).sort()).toEqual(['ci.yml', 'docker.yml', 'integration.yml']);
    for (const f of ['ci.yml', 'docker.yml', 'integration.yml']) expect(Object.keys(workflow(f).jobs).length).toBeGreaterThan(0);
  });

  it('ci: Node 20 on Debian, the system packages, PostgreSQL + Redis services, then .ci/run (lint + test)', () => {
    const ci = workflow('ci.yml');
    const job = ci.jobs['ci'];
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(job.container).toBe('node:20-bookworm');
    expect(Object.values(job.services ?? {}).map((s) => s.image)).toEqual(['postgres:15-bookworm', 'redis:7.4-bookworm']);
    expect(runs(job)).toContain('tools/setup/system-packages.txt');
    expect(runs(job)).toContain('bash .ci/run');
    expect(readText('.ci/run')).toMatch(/nx run-many -t lint,typecheck[\s\S]*npm test/);
  });

  it('docker: affected docker-build on pushes, every image when the Dockerfiles or the lockfile change', () => {
    const job = workflow('docker.yml').jobs['images'];
    expect(runs(job)).toMatch(/npx nx affected -t docker-build/);
    expect(runs(job)).toMatch(/npx nx run-many -t docker-build/);
    expect(runs(job)).toMatch(/\^\(docker\/\|\\\.dockerignore\$\|package-lock\\\.json\$/);
  });

  it('integration: the integration specs with service containers, and the real compose stack validated', () => {
    const wf = workflow('integration.yml');
    expect(Object.keys(wf.jobs['integration'].services ?? {}).sort()).toEqual(['postgres', 'redis']);
    expect(runs(wf.jobs['integration'])).toContain('nx run-many -t integration');
    const compose = runs(wf.jobs['compose']);
    expect(compose).toContain('node docker/init-env.mjs');
    expect(compose).toMatch(/docker compose --profile monitoring up --build --detach --wait/);
    expect(compose).toContain('tools/validate-stack/src/main.ts');
    expect(compose).toContain('tools/loadgen/src/main.ts');
  });
});
