import { isObject, JsonObject } from './workspace';

/** A compose file as far as these checks read it (after YAML merge keys are resolved). */
export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  user?: string;
  restart?: string;
  profiles?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | JsonObject)[];
  volumes?: (string | JsonObject)[];
  healthcheck?: { test?: string | string[]; disable?: boolean; interval?: string; timeout?: string; retries?: number; start_period?: string };
  depends_on?: string[] | Record<string, { condition?: string }>;
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  read_only?: boolean;
  deploy?: { resources?: { limits?: { cpus?: string | number; memory?: string } } };
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  secrets?: Record<string, { file?: string }>;
}

export function asComposeFile(doc: unknown): ComposeFile {
  if (!isObject(doc) || !isObject(doc['services'])) throw new Error('not a compose file: no services mapping');
  return doc as unknown as ComposeFile;
}

/** Dependencies of a service with their condition (short syntax means service_started). */
export function dependsOn(service: ComposeService): Record<string, string> {
  const deps = service.depends_on;
  if (!deps) return {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((d) => [d, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec?.condition ?? 'service_started']));
}

/** Every service a service waits for, directly or not. */
export function ancestors(compose: ComposeFile, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const dep of Object.keys(dependsOn(compose.services[n] ?? {}))) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      visit(dep);
    }
  };
  visit(name);
  return seen;
}

/** Services in a start order compose would use (Kahn's algorithm); throws on a cycle or an unknown dependency. */
export function startOrder(compose: ComposeFile): string[] {
  const names = Object.keys(compose.services);
  const pending = new Map(names.map((n) => [n, new Set(Object.keys(dependsOn(compose.services[n])))]));
  for (const [n, deps] of pending) for (const d of deps) if (!pending.has(d)) throw new Error(`${n} depends on unknown service ${d}`);
  const order: string[] = [];
  while (pending.size) {
    const ready = [...pending].filter(([, deps]) => [...deps].every((d) => order.includes(d))).map(([n]) => n);
    if (!ready.length) throw new Error(`depends_on cycle among ${[...pending.keys()].join(', ')}`);
    for (const n of ready) {
      order.push(n);
      pending.delete(n);
    }
  }
  return order;
}

export const isOneShot = (service: ComposeService): boolean => service.restart === 'no';

export function environment(service: ComposeService): Record<string, string> {
  const env = service.environment;
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e) => [e.split('=')[0], e.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

export interface VariableReference {
  name: string;
  /** `-`/`:-` default, `?`/`:?` required, or none. */
  kind: 'plain' | 'default' | 'required';
  fallback?: string;
}

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*)|(:?\?)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** The `${VAR}` references of a string (`$$` is a literal dollar). */
export function variableReferences(text: string): VariableReference[] {
  const refs: VariableReference[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    if (m[0] === '$$') continue;
    if (m[6]) refs.push({ name: m[6], kind: 'plain' });
    else if (m[2]) refs.push({ name: m[1], kind: 'default', fallback: m[3] });
    else if (m[4]) refs.push({ name: m[1], kind: 'required' });
    else refs.push({ name: m[1], kind: 'plain' });
  }
  return refs;
}

/** Compose's interpolation of one string with a variable map (the .env file). */
export function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(REFERENCE, (whole, braced?: string, defOp?: string, fallback?: string, reqOp?: string, message?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = vars[name];
    const missing = value === undefined || ((defOp === ':-' || reqOp === ':?') && value === '');
    if (defOp && missing) return fallback ?? '';
    if (reqOp && missing) throw new Error(`required variable ${name} is missing: ${message}`);
    return value ?? '';
  });
}

/** Every string of a YAML tree (keys excluded), for reference scans. */
export function allStrings(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) node.forEach((n) => allStrings(n, out));
  else if (isObject(node)) Object.values(node).forEach((n) => allStrings(n, out));
  return out;
}

/** Reads a .env file: KEY=value lines, comments and blanks ignored (no quotes or expansion, as compose v1 reads it). */
export function parseDotenv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

/** Host side of a published port ("127.0.0.1:8000:8000" -> container 8000), for checks. */
export function publishedPorts(service: ComposeService): { host?: string; container: number }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p !== 'string') return { container: Number((p as JsonObject)['target']), host: String((p as JsonObject)['published'] ?? '') };
    const parts = p.split(':');
    return { container: Number(parts[parts.length - 1].split('/')[0]), host: parts.slice(0, -1).join(':') };
  });
}

/** The URL a healthcheck requests, if it is one of ours (node healthcheck.cjs <url>) or wget/curl. */
export function healthcheckUrl(test: string | string[] | undefined): URL | undefined {
  const parts = Array.isArray(test) ? test : test ? [test] : [];
  const url = parts.flatMap((p) => p.split(/\s+/)).find((p) => /^https?:\/\//.test(p));
  return url ? new URL(url) : undefined;
}
