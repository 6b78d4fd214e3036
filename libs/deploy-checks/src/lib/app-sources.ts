import fs from 'node:fs';
import path from 'node:path';
import { inWorkspace, readText, WORKSPACE_ROOT } from './workspace';

/** Source files of a folder (TypeScript, no tests). */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'test', 'test-support', '__fixtures__'].includes(entry.name)) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.(spec|integration-spec)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        out.push(full);
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/** `@predictiondex/<name>` -> libs/<name>/src folder, from tsconfig.base.json's paths. */
export function libAliases(): Map<string, string> {
  const tsconfig = JSON.parse(readText('tsconfig.base.json')) as { compilerOptions: { paths: Record<string, string[]> } };
  const map = new Map<string, string>();
  for (const [alias, targets] of Object.entries(tsconfig.compilerOptions.paths)) {
    map.set(alias, path.dirname(inWorkspace(targets[0])));
  }
  return map;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@predictiondex\/[a-z0-9-]+)['"]/g;

/** The workspace libs an app reaches through its imports, transitively (alias names). */
export function importClosure(app: string): Set<string> {
  const aliases = libAliases();
  const seen = new Set<string>();
  const queue = [inWorkspace('apps', app, 'src')];
  while (queue.length) {
    const dir = queue.pop() as string;
    for (const file of sourceFiles(dir)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const alias = m[1];
        if (seen.has(alias) || !aliases.has(alias)) continue;
        seen.add(alias);
        queue.push(aliases.get(alias) as string);
      }
    }
  }
  return seen;
}

export interface Route {
  method: string;
  path: string;
  file: string;
}

const joinPath = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

/** The routes declared with NestJS decorators in one file: @Controller('prefix') + @Get('x')... */
export function controllerRoutes(text: string, file: string): Route[] {
  const routes: Route[] = [];
  const token = /@Controller\(\s*(?:['"]([^'"]*)['"]|\{[^}]*path:\s*['"]([^'"]*)['"][^}]*\})?\s*\)|@(Get|Post|Put|Patch|Delete|Head|Options|All)\(\s*(?:['"]([^'"]*)['"])?\s*[,)]/g;
  let prefix: string | undefined;
  for (const m of text.matchAll(token)) {
    if (m[0].startsWith('@Controller')) {
      prefix = m[1] ?? m[2] ?? '';
      continue;
    }
    if (prefix === undefined) continue;
    routes.push({ method: m[3].toUpperCase(), path: joinPath(prefix, m[4] ?? ''), file: path.relative(WORKSPACE_ROOT, file) });
  }
  return routes;
}

/** Every route an app serves: its own controllers and those of the workspace libs it imports. */
export function appRoutes(app: string): Route[] {
  const aliases = libAliases();
  const dirs = [inWorkspace('apps', app, 'src'), ...[...importClosure(app)].map((alias) => aliases.get(alias) as string)];
  return dirs.flatMap((dir) => sourceFiles(dir).flatMap((file) => controllerRoutes(fs.readFileSync(file, 'utf8'), file)));
}

export const servesGet = (routes: Route[], urlPath: string): boolean => routes.some((r) => (r.method === 'GET' || r.method === 'ALL') && r.path === urlPath);

/** The default of an app's port variable in its config schema: `PORT: envFields.port(8000)`. */
export function configuredPort(app: string): { variable: string; port: number } {
  const file = inWorkspace('libs/config/src/lib/schemas', `${app}.config.ts`);
  const text = fs.readFileSync(file, 'utf8');
  const m = /\b(PORT|HEALTH_PORT):\s*envFields\.port\((\d+)\)/.exec(text);
  if (!m) throw new Error(`${file}: no PORT/HEALTH_PORT: envFields.port(N) field`);
  return { variable: m[1], port: Number(m[2]) };
}
