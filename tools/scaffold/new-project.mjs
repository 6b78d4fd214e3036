#!/usr/bin/env node
// Creates an app or lib with the workspace's standard targets, tsconfigs, Jest configs and README,
// and registers its @predictiondex/<name> path alias. Usage:
//   node tools/scaffold/new-project.mjs lib <name> "<tags>" "<one-line purpose>"
//   node tools/scaffold/new-project.mjs app <name> "<tags>" "<one-line purpose>"
import fs from 'node:fs';
import path from 'node:path';

const [kind, name, tagList = '', purpose = ''] = process.argv.slice(2);
if (!['app', 'lib'].includes(kind) || !name) {
  console.error('usage: new-project.mjs app|lib <name> "<tags,comma,separated>" "<purpose>"');
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dir = path.join(root, kind === 'app' ? 'apps' : 'libs', name);
const rel = path.relative(root, dir);
const up = path.relative(dir, root);
const tags = [kind === 'app' ? 'type:app' : 'type:lib', ...tagList.split(',').filter(Boolean)];

const write = (file, content) => {
  const full = path.join(dir, file);
  if (fs.existsSync(full)) return;
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
};

const jestTarget = (config, outName) => ({
  executor: '@nx/jest:jest',
  options: {
    jestConfig: `${rel}/${config}`,
    passWithNoTests: true,
    json: true,
    outputFile: `tmp/test-results/${name}-${outName}.json`,
  },
});

const targets = {
  lint: { executor: '@nx/eslint:lint', options: { lintFilePatterns: [`${rel}`] } },
  typecheck: {
    executor: 'nx:run-commands',
    options: { command: `tsc -p ${rel}/tsconfig.${kind}.json --noEmit && tsc -p ${rel}/tsconfig.spec.json --noEmit` },
  },
  test: jestTarget('jest.config.cjs', 'unit'),
  integration: jestTarget('jest.integration.config.cjs', 'integration'),
};
if (kind === 'app') {
  targets.build = {
    executor: 'nx:run-commands',
    outputs: [`{workspaceRoot}/dist/${rel}`],
    options: { command: `webpack-cli build --node-env=production -c ${rel}/webpack.config.cjs` },
  };
  targets.serve = {
    executor: 'nx:run-commands',
    continuous: true,
    options: { command: `node tools/node/run-ts.cjs ${rel}/src/main.ts` },
  };
} else {
  targets.build = {
    executor: 'nx:run-commands',
    outputs: [`{workspaceRoot}/dist/out-tsc/${rel}`],
    options: { command: `tsc -p ${rel}/tsconfig.lib.json --outDir dist/out-tsc/${rel}` },
  };
}

write('project.json', {
  name,
  $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
  sourceRoot: `${rel}/src`,
  projectType: kind === 'app' ? 'application' : 'library',
  tags,
  targets,
});
write('tsconfig.json', { extends: `${up}/tsconfig.base.json`, files: [], include: [], references: [{ path: `./tsconfig.${kind}.json` }, { path: './tsconfig.spec.json' }] });
write(`tsconfig.${kind}.json`, {
  extends: './tsconfig.json',
  compilerOptions: { outDir: `${up}/dist/out-tsc`, types: ['node'] },
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.spec.ts', 'src/**/*.integration-spec.ts', 'test/**/*'],
});
write('tsconfig.spec.json', {
  extends: './tsconfig.json',
  compilerOptions: { outDir: `${up}/dist/out-tsc`, types: ['node', 'jest'] },
  include: ['src/**/*.ts', 'test/**/*.ts'],
});
write('jest.config.cjs', `const { jestConfig } = require('${up}/tools/jest/jest.preset.cjs');\n\nmodule.exports = jestConfig(__dirname, 'unit');\n`);
write('jest.integration.config.cjs', `const { jestConfig } = require('${up}/tools/jest/jest.preset.cjs');\n\nmodule.exports = jestConfig(__dirname, 'integration');\n`);
write('README.md', `# ${kind === 'app' ? 'apps' : 'libs'}/${name}\n\n${purpose}\n\n## Test it alone\n\n\`\`\`sh\nnpx nx test ${name}          # unit specs\nnpx nx integration ${name}   # against the local PostgreSQL/Redis\n\`\`\`\n`);
if (kind === 'app') {
  write('src/main.ts', `import 'reflect-metadata';\n`);
  write('webpack.config.cjs', `const { nodeAppWebpackConfig } = require('${up}/tools/webpack/node-app.webpack.cjs');

module.exports = nodeAppWebpackConfig(__dirname);
`);
} else {
  write('src/index.ts', `export {};\n`);
  const base = path.join(root, 'tsconfig.base.json');
  const ts = JSON.parse(fs.readFileSync(base, 'utf8'));
  ts.compilerOptions.paths[`@predictiondex/${name}`] = [`${rel}/src/index.ts`];
  ts.compilerOptions.paths = Object.fromEntries(Object.entries(ts.compilerOptions.paths).sort());
  fs.writeFileSync(base, JSON.stringify(ts, null, 2) + '\n');
}
console.log(`created ${rel}`);
