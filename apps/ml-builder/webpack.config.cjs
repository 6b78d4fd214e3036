const { nodeAppWebpackConfig } = require('../../tools/webpack/node-app.webpack.cjs');
const { BATTLE_WORKER_ENTRY, BATTLE_WORKER_ENTRY_NAME } = require('../../libs/battle/battle-worker-entry.cjs');
const { xgboostTrainingWorkerEntry } = require('../../libs/xgboost/webpack-entry.cjs');

// Battles and XGBoost training run on worker threads: battle-worker.js and
// xgboost-training-worker.js must sit next to main.js.
module.exports = nodeAppWebpackConfig(__dirname, {
  additionalEntryPoints: [{ entryName: BATTLE_WORKER_ENTRY_NAME, entryPath: BATTLE_WORKER_ENTRY }, xgboostTrainingWorkerEntry],
});
