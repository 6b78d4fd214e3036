// For app webpack configs that use trainInWorker from @predictiondex/xgboost: emits the training
// worker as xgboost-training-worker.js next to main.js, where the library looks for it.
//   new NxAppWebpackPlugin({ ..., additionalEntryPoints: [require('<root>/libs/xgboost/webpack-entry.cjs').xgboostTrainingWorkerEntry] })
const path = require('node:path');

module.exports = {
  xgboostTrainingWorkerEntry: {
    entryName: 'xgboost-training-worker',
    entryPath: path.join(__dirname, 'src/lib/training-worker.ts'),
  },
};
