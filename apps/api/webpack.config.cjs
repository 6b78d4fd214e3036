const { join } = require('node:path');
const { nodeAppWebpackConfig } = require('../../tools/webpack/node-app.webpack.cjs');
const { BATTLE_WORKER_ENTRY, BATTLE_WORKER_ENTRY_NAME } = require('../../libs/battle/battle-worker-entry.cjs');

// Worker threads must sit next to main.js: battle-worker.js (/predict/simulate plays battles on
// them) and prediction-log-worker.js (the prediction log's writer thread).
module.exports = nodeAppWebpackConfig(__dirname, {
  additionalEntryPoints: [
    { entryName: BATTLE_WORKER_ENTRY_NAME, entryPath: BATTLE_WORKER_ENTRY },
    { entryName: 'prediction-log-worker', entryPath: join(__dirname, 'src/prediction-log/prediction-log.worker.ts') },
  ],
});
