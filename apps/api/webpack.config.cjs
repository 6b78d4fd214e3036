const { nodeAppWebpackConfig } = require('../../tools/webpack/node-app.webpack.cjs');
const { BATTLE_WORKER_ENTRY, BATTLE_WORKER_ENTRY_NAME } = require('../../libs/battle/battle-worker-entry.cjs');

// /predict/simulate plays battles on worker threads: battle-worker.js must sit next to main.js.
module.exports = nodeAppWebpackConfig(__dirname, {
  additionalEntryPoints: [{ entryName: BATTLE_WORKER_ENTRY_NAME, entryPath: BATTLE_WORKER_ENTRY }],
});
