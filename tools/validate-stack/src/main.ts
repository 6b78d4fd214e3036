#!/usr/bin/env node
// Stack validator: node tools/node/run-ts.cjs tools/validate-stack/src/main.ts [--verbose] (README.md).
// One line per check, then a JSON summary as the last line. Exit 0: everything checked is up;
// 1: something is down; 2: usage.
import { runChecks } from './checks';
import { parseConfig, UsageError } from './config';
import { formatReport } from './report';

async function main(): Promise<void> {
  const cfg = (() => {
    try {
      return parseConfig(process.argv.slice(2), process.env);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      const usage = e.message.startsWith('usage:');
      (usage ? process.stdout : process.stderr).write(`${e.message}\n`);
      process.exit(usage ? 0 : 2);
    }
  })();
  const started = Date.now();
  const results = await runChecks(cfg);
  const { lines, ok } = formatReport(results, cfg.verbose, process.stdout.isTTY === true);
  for (const line of lines) process.stdout.write(`${line}\n`);
  const count = (s: string) => results.filter((r) => r.status === s).length;
  process.stdout.write(
    `${JSON.stringify({ tool: 'validate-stack', ok, ms: Date.now() - started, passed: count('ok'), warnings: count('warn'), failed: count('fail'), skipped: count('skip'), checks: results.map(({ check, status, summary }) => ({ check, status, summary })) })}\n`,
  );
  process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`validate-stack: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
