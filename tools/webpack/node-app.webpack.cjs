const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('node:path');

/**
 * The webpack config every NestJS app is built with: our code bundled into dist/apps/<app>/main.js,
 * node_modules left external and pruned into a generated package.json (generatePackageJson) so an
 * image installs production dependencies only. `additionalEntryPoints` emits worker-thread entries
 * next to main.js, where the libraries that start them look.
 * @param {string} appDir the app's folder (pass __dirname)
 * @param {{ additionalEntryPoints?: { entryName: string, entryPath: string }[] }} [options]
 */
function nodeAppWebpackConfig(appDir, options = {}) {
  return {
    output: { path: join(appDir, '../../dist/apps', basename(appDir)) },
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
        ...(options.additionalEntryPoints ? { additionalEntryPoints: options.additionalEntryPoints } : {}),
      }),
    ],
  };
}

module.exports = { nodeAppWebpackConfig };
