/** Every queue in the system. A queue is a hand-off between two services, named after its consumer's work. */
export const QUEUES = {
  /** Consumed by ml-builder: dataset -> train -> evaluate -> register. */
  mlBuild: 'ml-build',
  /** Consumed by etl: reload the Pokédex on request. */
  etl: 'etl',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  build: 'build',
  retrain: 'retrain',
  etlRefresh: 'refresh',
} as const;

/** Events broadcast to every replica of every service (Redis pub/sub), not work items. */
export const EVENTS = {
  modelPublished: 'model.published',
  etlCompleted: 'etl.completed',
} as const;
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];
