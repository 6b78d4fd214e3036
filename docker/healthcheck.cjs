#!/usr/bin/env node
// Container healthcheck without curl or wget in the image: `node healthcheck.cjs <url>` exits 0 when
// the URL answers 2xx within the timeout, 1 otherwise. `$VAR` / `${VAR}` / `${VAR:-default}` in the
// URL are read from the environment, so one HEALTHCHECK line follows a PORT set at run time:
//   HEALTHCHECK CMD ["node", "/opt/predictiondex/healthcheck.cjs", "http://127.0.0.1:${PORT:-8000}/health/ready"]
'use strict';

const TIMEOUT_MS = Number(process.env.HEALTHCHECK_TIMEOUT_MS || 4000);

function expand(text) {
  return text.replace(/\$\{(\w+)(?::-([^}]*))?\}|\$(\w+)/g, (_, braced, fallback, bare) => {
    const value = process.env[braced || bare];
    return value === undefined || value === '' ? (fallback ?? '') : value;
  });
}

const url = expand(process.argv[2] || '');
if (!/^https?:\/\//.test(url)) {
  process.stderr.write(`healthcheck: usage: healthcheck.cjs <http-url> (got "${url}")\n`);
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then(
  (res) => {
    if (!res.ok) process.stderr.write(`healthcheck: ${url} -> ${res.status}\n`);
    process.exit(res.ok ? 0 : 1);
  },
  (err) => {
    const cause = err.cause ? ` (${err.cause.code || err.cause.message})` : '';
    process.stderr.write(`healthcheck: ${url} -> ${err.message}${cause}\n`);
    process.exit(1);
  },
);
