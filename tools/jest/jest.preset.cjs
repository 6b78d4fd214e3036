// Shared Jest configuration. Unit specs (*.spec.ts) run in parallel and touch nothing outside the
// process; integration specs (*.integration-spec.ts) run one file at a time against the real
// PostgreSQL and Redis, each creating and dropping its own database and key prefix.
const path = require('node:path');
const fs = require('node:fs');

const workspaceRoot = path.resolve(__dirname, '../..');
// The nx test targets write their JSON reports here (npm test sums them); Jest does not create it.
fs.mkdirSync(path.join(workspaceRoot, 'tmp/test-results'), { recursive: true });

const tsconfig = JSON.parse(fs.readFileSync(path.join(workspaceRoot, 'tsconfig.base.json'), 'utf8'));

function aliasMapper() {
  const mapper = {};
  for (const [alias, targets] of Object.entries(tsconfig.compilerOptions.paths ?? {})) {
    const key = '^' + alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace('\\*', '(.*)') + '$';
    mapper[key] = path.join(workspaceRoot, targets[0].replace('*', '$1'));
  }
  return mapper;
}

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/**
 * @param {string} projectDir absolute path of the project (pass __dirname)
 * @param {'unit'|'integration'} kind
 */
function jestConfig(projectDir, kind) {
  const name = path.relative(workspaceRoot, projectDir).replace(/[\\/]/g, '-');
  const integration = kind === 'integration';
  return {
    displayName: `${name}:${kind}`,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: { '^.+\\.(t|j)sx?$': swcTransform },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    moduleNameMapper: aliasMapper(),
    testMatch: integration ? ['<rootDir>/**/*.integration-spec.ts'] : ['<rootDir>/**/*.spec.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    // content-disposition (pulled in by @fastify/static for the Swagger UI) ships ESM only: Node
    // loads it natively, Jest's module system needs it compiled to CommonJS.
    transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
    setupFiles: [path.join(__dirname, 'setup-env.cjs')],
    testTimeout: integration ? 120_000 : 15_000,
    maxWorkers: integration ? 1 : '50%',
  };
}

module.exports = { jestConfig, workspaceRoot, swcTransform };
