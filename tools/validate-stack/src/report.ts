import type { CheckResult, CheckStatus } from './checks';

const LABEL: Record<CheckStatus, string> = { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' };
const COLOR: Record<CheckStatus, number> = { ok: 32, warn: 33, fail: 31, skip: 90 };

/** The report lines, and whether the stack passes (no failure; warnings and skips do not fail it). */
export function formatReport(results: CheckResult[], verbose: boolean, color: boolean): { lines: string[]; ok: boolean } {
  const width = Math.max(...results.map((r) => r.check.length));
  const lines: string[] = [];
  for (const r of results) {
    const label = LABEL[r.status].padEnd(4);
    lines.push(`  ${color ? `\x1b[${COLOR[r.status]}m${label}\x1b[0m` : label}  ${r.check.padEnd(width)}  ${r.summary}`);
    if (verbose && r.details !== undefined) {
      for (const l of JSON.stringify(r.details, null, 2).split('\n')) lines.push(`        ${l}`);
    }
  }
  const failed = results.filter((r) => r.status === 'fail');
  const ok = failed.length === 0;
  lines.push(ok ? `validate-stack: the stack is healthy (${results.filter((r) => r.status === 'ok').length} checks passed)` : `validate-stack: ${failed.length} check(s) failed: ${failed.map((r) => r.check).join(', ')}`);
  return { lines, ok };
}
