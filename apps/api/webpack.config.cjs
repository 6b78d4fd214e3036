const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');
const { BATTLE_WORKER_ENTRY, BATTLE_WORKER_ENTRY_NAME } = require('../../libs/battle/battle-worker-entry.cjs');

// Bundles only our code; node_modules stay external and are pruned into dist/apps/api/package.json
// (generatePackageJson) so the image installs production dependencies only. /predict/simulate runs
// battles on worker threads: the worker is emitted as battle-worker.js next to main.js.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api') },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: true,
      sourceMap: true,
      additionalEntryPoints: [{ entryName: BATTLE_WORKER_ENTRY_NAME, entryPath: BATTLE_WORKER_ENTRY }],
    }),
  ],
};
