/**
 * A small Dockerfile linter for this repository's images (hadolint is not packaged for Debian and
 * needs a binary download). It parses instructions (line continuations, comments, parser
 * directives, JSON or shell form) and checks what the images promise: multi-stage, pinned base
 * images, lockfile install before sources, production-only dependencies in the final stage,
 * non-root user, HEALTHCHECK, exec-form CMD, apt hygiene, no secrets in ARG/ENV.
 */

export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, COPY... */
  keyword: string;
  /** Everything after the keyword, continuation lines joined with a space. */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
  /** Index of the stage the instruction belongs to (-1 before the first FROM). */
  stage: number;
}

export interface DockerStage {
  index: number;
  /** `AS <name>`, lower-cased, when given. */
  name?: string;
  /** The image or earlier stage it starts from. */
  from: string;
  line: number;
  instructions: DockerInstruction[];
}

export interface ParsedDockerfile {
  instructions: DockerInstruction[];
  stages: DockerStage[];
}

export interface LintIssue {
  rule: string;
  line: number;
  message: string;
}

export const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|ACCESS_?KEY|(^|_)KEYS?$)/i;

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split(/\r?\n/);
  const instructions: DockerInstruction[] = [];
  const stages: DockerStage[] = [];
  let i = 0;
  while (i < lines.length) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const start = i + 1;
    let joined = trimmed;
    // A trailing backslash continues the instruction; comment lines inside it are dropped.
    while (joined.endsWith('\\') && i + 1 < lines.length) {
      joined = joined.slice(0, -1).trimEnd();
      i++;
      const next = lines[i].trim();
      if (next.startsWith('#')) {
        joined += ' \\';
        continue;
      }
      joined += ` ${next}`;
    }
    i++;
    const m = /^([A-Za-z]+)\s*(.*)$/.exec(joined);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    if (keyword === 'FROM') {
      const parts = args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const asIndex = parts.findIndex((p) => p.toUpperCase() === 'AS');
      stages.push({ index: stages.length, from: parts[0] ?? '', name: asIndex > 0 ? parts[asIndex + 1]?.toLowerCase() : undefined, line: start, instructions: [] });
    }
    const instruction: DockerInstruction = { keyword, args, line: start, stage: stages.length - 1 };
    instructions.push(instruction);
    if (stages.length) stages[stages.length - 1].instructions.push(instruction);
  }
  return { instructions, stages };
}

/** Exec (JSON array) form of CMD/ENTRYPOINT/HEALTHCHECK CMD, or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The command of a HEALTHCHECK (after its --options), or 'NONE'. */
export function healthcheckCommand(args: string): string[] | 'NONE' | undefined {
  const rest = args.replace(/^(--[a-z-]+=\S+\s+)*/i, '').trim();
  if (/^NONE$/i.test(rest)) return 'NONE';
  const m = /^CMD\s+(.*)$/i.exec(rest);
  if (!m) return undefined;
  return execForm(m[1].trim()) ?? ['/bin/sh', '-c', m[1].trim()];
}

/** Name (and tag/digest) of an image reference: `node:20-bookworm-slim` -> { name: 'node', tag: '20-bookworm-slim' }. */
export function imageRef(ref: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = ref.split('@');
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash) return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
  return { name: withoutDigest, digest };
}

const FLAG = /^--[a-z-]+(=\S+)?$/i;

/** Source paths of a COPY/ADD (without --from/--chown flags and the destination). */
export function copySources(args: string): { from?: string; sources: string[] } {
  const json = execForm(args);
  const parts = json ?? args.split(/\s+/);
  const from = parts.find((p) => /^--from=/i.test(p))?.split('=')[1];
  const rest = parts.filter((p) => !FLAG.test(p));
  return { from, sources: rest.slice(0, -1) };
}

function lastStage(parsed: ParsedDockerfile): DockerStage | undefined {
  return parsed.stages[parsed.stages.length - 1];
}

export function lintDockerfile(text: string): LintIssue[] {
  const parsed = parseDockerfile(text);
  const issues: LintIssue[] = [];
  const issue = (rule: string, line: number, message: string) => issues.push({ rule, line, message });
  const stageNames = new Set(parsed.stages.map((s) => s.name).filter(Boolean));

  if (parsed.stages.length < 2) issue('multi-stage', parsed.stages[0]?.line ?? 1, 'use a multi-stage build: install and build in one stage, run from a slim final stage');
  for (const stage of parsed.stages) {
    if (stageNames.has(stage.from.toLowerCase())) continue;
    const { tag, digest } = imageRef(stage.from);
    if (/^\$\{?\w+/.test(stage.from)) issue('pinned-base', stage.line, `base image "${stage.from}" comes from an ARG: name a pinned image so the linter (and readers) can see it`);
    else if (!digest && (!tag || tag === 'latest' || !/\d/.test(tag))) issue('pinned-base', stage.line, `pin the base image "${stage.from}" to a versioned tag (or a digest), never latest`);
  }
  for (const ins of parsed.instructions) {
    if (ins.keyword === 'ADD' && !/https?:\/\//.test(ins.args)) issue('copy-not-add', ins.line, 'use COPY for local files (ADD also unpacks archives and fetches URLs)');
    if (ins.keyword === 'WORKDIR' && !ins.args.startsWith('/')) issue('absolute-workdir', ins.line, 'WORKDIR must be an absolute path');
    if (ins.keyword === 'ARG' || ins.keyword === 'ENV') {
      const names = ins.keyword === 'ARG' ? [ins.args.split('=')[0]] : [...ins.args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1]);
      if (ins.keyword === 'ENV' && !ins.args.includes('=')) names.push(ins.args.split(/\s+/)[0]);
      for (const name of names) {
        if (SECRET_NAME.test(name)) issue('no-secrets', ins.line, `${ins.keyword} ${name}: secrets in ARG/ENV end up in the image history; pass them at run time (or use a build secret mount)`);
      }
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      for (const src of copySources(ins.args).sources) {
        if (/(^|\/)\.env(\.|$)|\.pem$|\.key$|id_rsa/.test(src)) issue('no-secrets', ins.line, `do not copy secret files into an image (${src})`);
      }
    }
    if (ins.keyword === 'RUN') {
      const cmd = ins.args;
      if (/\bsudo\b/.test(cmd)) issue('no-sudo', ins.line, 'sudo has no place in an image build');
      if (/\bnpm\s+(install|i)\b/.test(cmd) && !/\bnpm\s+(install|i)\s+(-g|--global)\b/.test(cmd)) issue('npm-ci', ins.line, 'install with `npm ci` from the lockfile, not `npm install`');
      if (/\bapt-get\s+install\b/.test(cmd)) {
        if (!/--no-install-recommends/.test(cmd)) issue('apt-hygiene', ins.line, 'apt-get install --no-install-recommends keeps the image small');
        if (!/apt-get\s+update/.test(cmd)) issue('apt-hygiene', ins.line, 'run apt-get update in the same RUN as apt-get install (a cached update layer goes stale)');
        if (!/rm\s+-rf\s+\/var\/lib\/apt\/lists/.test(cmd)) issue('apt-hygiene', ins.line, 'remove /var/lib/apt/lists/* in the same RUN as the install');
        if (!/\s-y\b|--yes|--assume-yes/.test(cmd)) issue('apt-hygiene', ins.line, 'apt-get install needs -y in a build');
      }
      if (/\bcurl\b[^|]*\|\s*(ba)?sh\b/.test(cmd)) issue('no-curl-pipe', ins.line, 'do not pipe downloaded scripts into a shell');
    }
  }

  // Lockfile first: in every stage that runs `npm ci`, the lockfile is copied before, and no source
  // folder is, so the install layer is reused until the lockfile changes.
  for (const stage of parsed.stages) {
    const ci = stage.instructions.find((ins) => ins.keyword === 'RUN' && /\bnpm\s+ci\b/.test(ins.args));
    if (!ci) continue;
    const before = stage.instructions.filter((ins) => ins.line < ci.line && (ins.keyword === 'COPY' || ins.keyword === 'ADD'));
    const sources = before.flatMap((ins) => copySources(ins.args).sources.map((s) => ({ s, ins })));
    if (!sources.some(({ s }) => /package-lock\.json$/.test(s))) {
      issue('lockfile-first', ci.line, 'copy package-lock.json (with package.json) before `npm ci`');
    }
    for (const { s, ins } of sources) {
      if (s === '.' || s === './' || /^(\.\/)?(apps|libs|src|tools)\b/.test(s)) {
        issue('lockfile-first', ins.line, `copying sources (${s}) before \`npm ci\` invalidates the dependency layer on every edit`);
      }
    }
    if (!/--mount=type=cache/.test(ci.args)) issue('install-cache', ci.line, 'mount a build cache for the npm cache (RUN --mount=type=cache,target=/root/.npm ...)');
  }

  const final = lastStage(parsed);
  if (final) {
    const fin = final.instructions;
    const users = fin.filter((ins) => ins.keyword === 'USER');
    const lastUser = users[users.length - 1];
    if (!lastUser) issue('non-root', final.line, 'the final stage must switch to a non-root USER');
    else if (/^(root|0)(:|$)/.test(lastUser.args.trim())) issue('non-root', lastUser.line, 'the final stage runs as root');
    const hc = fin.filter((ins) => ins.keyword === 'HEALTHCHECK').pop();
    if (!hc) issue('healthcheck', final.line, 'the final stage needs a HEALTHCHECK on the app health endpoint');
    else {
      const cmd = healthcheckCommand(hc.args);
      if (cmd === 'NONE' || !cmd) issue('healthcheck', hc.line, 'HEALTHCHECK must run a command (CMD ...), not NONE');
    }
    const cmd = fin.filter((ins) => ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT').pop();
    if (!cmd) issue('exec-form', final.line, 'the final stage needs a CMD or ENTRYPOINT');
    else if (!execForm(cmd.args)) issue('exec-form', cmd.line, `${cmd.keyword} in shell form runs under /bin/sh, which does not forward SIGTERM: use the JSON (exec) form`);
    if (!fin.some((ins) => ins.keyword === 'EXPOSE')) issue('expose', final.line, 'EXPOSE the port the app listens on');
    // Production dependencies only: installed here with --omit=dev, never copied from a build stage.
    const prodInstall = fin.some((ins) => ins.keyword === 'RUN' && /\bnpm\s+ci\b/.test(ins.args) && /--omit=dev|--production|--only=prod/.test(ins.args));
    const copiesNodeModules = fin.some((ins) => ins.keyword === 'COPY' && copySources(ins.args).from && copySources(ins.args).sources.some((s) => /node_modules/.test(s)));
    if (!prodInstall) issue('prod-deps', final.line, 'install production dependencies only in the final stage (npm ci --omit=dev)');
    if (copiesNodeModules) issue('prod-deps', final.line, 'do not copy node_modules from a build stage: it holds the dev dependencies');
    const ciIndex = fin.findIndex((ins) => ins.keyword === 'RUN' && /\bnpm\s+ci\b/.test(ins.args));
    const userIndex = fin.indexOf(lastUser as DockerInstruction);
    if (lastUser && ciIndex > userIndex) issue('non-root', fin[ciIndex].line, 'install dependencies before switching USER, so the app cannot rewrite its own code');
  }
  return issues.sort((a, b) => a.line - b.line);
}
