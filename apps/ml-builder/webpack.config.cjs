const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');
const { BATTLE_WORKER_ENTRY, BATTLE_WORKER_ENTRY_NAME } = require('../../libs/battle/battle-worker-entry.cjs');
const { xgboostTrainingWorkerEntry } = require('../../libs/xgboost/webpack-entry.cjs');

// Bundles only our code; node_modules stay external and are pruned into dist/apps/ml-builder/package.json
// (generatePackageJson) so the image installs production dependencies only. Battles and XGBoost
// training run on worker threads: their entries are emitted as battle-worker.js and
// xgboost-training-worker.js next to main.js, where the libraries look for them.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/ml-builder') },
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
      additionalEntryPoints: [{ entryName: BATTLE_WORKER_ENTRY_NAME, entryPath: BATTLE_WORKER_ENTRY }, xgboostTrainingWorkerEntry],
    }),
  ],
};
