export * from './lib/worker-launch';
