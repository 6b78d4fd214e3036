// Deterministic tests: fixed time zone, quiet logs unless asked for.
process.env.TZ = 'UTC';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
require('reflect-metadata');
