// For an app's webpack config (plain JS, cannot import the TypeScript lib): add the battle worker as
// an extra entry so it is emitted as battle-worker.js next to main.js, where ParallelBattleRunner
// looks for it, e.g. NxAppWebpackPlugin({ additionalEntryPoints: [{ entryName: BATTLE_WORKER_ENTRY_NAME,
// entryPath: BATTLE_WORKER_ENTRY }] }).
const path = require('node:path');

module.exports = {
  BATTLE_WORKER_ENTRY_NAME: 'battle-worker',
  BATTLE_WORKER_ENTRY: path.join(__dirname, 'src/lib/battle-worker.ts'),
};
