import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  XGBOOST_LIBRARY_PATH_ENV,
  XGBoostLibraryNotFoundError,
  defaultLibraryCandidates,
  loadXGBoostLibrary,
  xgboostBuildInfo,
  xgboostVersion,
} from '../index';

const workspaceRoot = join(__dirname, '../../../..');

describe('libxgboost loading', () => {
  it('loads the Debian library and reports its version', () => {
    expect(xgboostVersion()).toMatch(/^\d+\.\d+\.\d+$/);
    const [major, minor] = xgboostVersion().split('.').map(Number);
    expect(major > 1 || (major === 1 && minor >= 7)).toBe(true);
    expect(xgboostBuildInfo()).toHaveProperty('USE_OPENMP');
  });

  it('searches the sonames, unless XGBOOST_LIBRARY_PATH overrides them', () => {
    expect(defaultLibraryCandidates({})).toEqual(['libxgboost.so.0', 'libxgboost.so']);
    expect(defaultLibraryCandidates({ [XGBOOST_LIBRARY_PATH_ENV]: '/opt/x/libxgboost.so' })).toEqual(['/opt/x/libxgboost.so']);
  });

  it('names the Debian package and every attempt when no candidate loads', () => {
    let thrown: unknown;
    try {
      loadXGBoostLibrary(['/nonexistent/libxgboost.so', 'libxgboost-not-here.so.9']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(XGBoostLibraryNotFoundError);
    const message = (thrown as Error).message;
    expect(message).toContain('apt-get install libxgboost0');
    expect(message).toContain('/nonexistent/libxgboost.so');
    expect(message).toContain('libxgboost-not-here.so.9');
  });

  it('fails clearly in a process whose XGBOOST_LIBRARY_PATH points nowhere', () => {
    const script = `require(${JSON.stringify(join(__dirname, '../index.ts'))}).xgboostVersion()`;
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(workspaceRoot, 'tsconfig.base.json'),
        [XGBOOST_LIBRARY_PATH_ENV]: '/nonexistent/libxgboost.so.0',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('XGBoostLibraryNotFoundError');
    expect(result.stderr).toContain('apt-get install libxgboost0');
    expect(result.stderr).toContain('/nonexistent/libxgboost.so.0');
  }, 60_000);
});
