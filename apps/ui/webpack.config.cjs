const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Bundles only our code; node_modules stay external and are pruned into dist/apps/ui/package.json
// (generatePackageJson) so the image installs production dependencies only.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/ui') },
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
    }),
  ],
};
