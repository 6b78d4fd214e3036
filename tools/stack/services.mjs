// The stack as plain processes, in start order. Each service either runs to completion (`oneShot`)
// or stays up and is ready when its health URL answers 200. Later services are added here as they
// exist; docker-compose.yml keeps the same order.
export const services = [
  {
    name: 'migrate',
    oneShot: true,
    command: ['node', 'tools/node/run-ts.cjs', 'apps/etl/src/main.ts', 'migrate'],
  },
  {
    name: 'etl',
    command: ['node', 'tools/node/run-ts.cjs', 'apps/etl/src/main.ts'],
    env: { HEALTH_PORT: '9101' },
    health: 'http://127.0.0.1:9101/health/ready',
    urls: { health: 'http://127.0.0.1:9101/health', metrics: 'http://127.0.0.1:9101/metrics' },
  },
];
