import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RULE_TESTS_DIR, RULES_DIR, ruleFiles, ruleTestFiles } from './support/alert-rules';
import { ALERTMANAGER_DIR, BIN, PROMETHEUS_DIR } from './support/observability-paths';
import { runCommand } from './support/processes';

// What CI runs on the configuration (also `npx nx run infra:promtool`): each tool must exit 0.
describe('promtool and amtool on the repository configuration', () => {
  it.each(['prometheus.yml', 'prometheus.local.yml'])('promtool check config %s (its rule files included)', (file) => {
    const r = runCommand(BIN.promtool, ['check', 'config', file], PROMETHEUS_DIR);
    expect({ code: r.code, output: r.output }).toMatchObject({ code: 0 });
    expect(r.output).toContain(`SUCCESS: ${ruleFiles().length} rule files found`);
  });

  it('promtool check rules: every rule file', () => {
    const files = ruleFiles().map((f) => path.join(RULES_DIR, f.file));
    const r = runCommand(BIN.promtool, ['check', 'rules', ...files], PROMETHEUS_DIR);
    expect({ code: r.code, output: r.output }).toMatchObject({ code: 0 });
    expect(r.output.match(/SUCCESS: \d+ rules found/g)).toHaveLength(files.length);
  });

  it('promtool test rules: every alert fires on its incident and stays quiet on its look-alike', () => {
    const files = ruleTestFiles().map((f) => path.join(RULE_TESTS_DIR, f.file));
    const r = runCommand(BIN.promtool, ['test', 'rules', ...files], PROMETHEUS_DIR);
    expect({ code: r.code, output: r.output }).toMatchObject({ code: 0 });
    expect(r.output.match(/SUCCESS/g)).toHaveLength(files.length);
  });

  it('amtool check-config alertmanager.yml (route, inhibitions, receiver, templates)', () => {
    const r = runCommand(BIN.amtool, ['check-config', 'alertmanager.yml'], ALERTMANAGER_DIR);
    expect({ code: r.code, output: r.output }).toMatchObject({ code: 0 });
    expect(r.output).toContain('1 templates');
  });

  it('a broken rule makes promtool fail (the checks are not vacuous)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdx-promtool-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.rules.yml'), 'groups:\n  - name: bad\n    rules:\n      - alert: Bad\n        expr: sum by (le (rate(x[5m]))\n');
      expect(runCommand(BIN.promtool, ['check', 'rules', 'bad.rules.yml'], dir).code).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
