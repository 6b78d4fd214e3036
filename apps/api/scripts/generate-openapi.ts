// Writes apps/api/openapi.json from the code (controllers, DTOs), or with --check fails when the
// committed file differs from what the code generates.
//   node tools/node/run-ts.cjs apps/api/scripts/generate-openapi.ts [--check]
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument, openApiFileText } from '../src/app/openapi-document';

const FILE = join(__dirname, '..', 'openapi.json');

async function main(): Promise<void> {
  const text = openApiFileText(await generateOpenApiDocument());
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(FILE, 'utf8');
    } catch {
      // missing: stale by definition
    }
    if (committed !== text) {
      process.stderr.write('apps/api/openapi.json is stale: run `npx nx openapi api` and commit it\n');
      process.exit(1);
    }
    process.stdout.write('apps/api/openapi.json is up to date\n');
    return;
  }
  writeFileSync(FILE, text);
  process.stdout.write(`wrote ${FILE}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
