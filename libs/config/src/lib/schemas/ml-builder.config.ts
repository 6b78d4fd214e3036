import { z } from 'zod';
import { envFields, LOCAL_MLFLOW_URL } from '../env-fields';
import { refuseDevSecretsInProduction } from '../secrets';

export const ML_MODES = ['all', 'dataset', 'train', 'evaluate'] as const;
export type MlMode = (typeof ML_MODES)[number];

/** ml-builder's settings; the ML_* names and defaults are the seed stack's. */
export const mlBuilderConfigSchema = z.object({
  NODE_ENV: envFields.nodeEnv,
  LOG_LEVEL: envFields.logLevel,
  DATABASE_URL: envFields.databaseUrl,
  REDIS_URL: envFields.redisUrl,
  QUEUE_PREFIX: envFields.queuePrefix,
  HEALTH_PORT: envFields.port(9102),
  /** all = dataset + train + evaluate + register; dataset stops after the dataset. */
  ML_MODE: z.enum(ML_MODES).default('all'),
  /** best_move, random_move, all_combinations, a comma list of them, or all. */
  ML_SCENARIO_TYPE: z.string().default('best_move,random_move'),
  ML_NUM_RANDOM_SAMPLES: z.coerce.number().int().min(1).max(100).default(5),
  ML_MAX_COMBINATIONS: z.coerce.number().int().min(1).max(1000).default(20),
  /** Limit the Pokédex to a seeded sample of this many Pokémon (small builds, tests). */
  ML_MAX_SPECIES: z.coerce.number().int().min(2).optional(),
  ML_SEED: z.coerce.number().int().min(0).default(42),
  ML_TEST_FRACTION: z.coerce.number().gt(0).lt(1).default(0.2),
  ML_MAX_TURNS: z.coerce.number().int().min(1).max(1000).default(100),
  ML_TUNE_HYPERPARAMS: envFields.bool(true),
  ML_GRID_TYPE: z.enum(['fast', 'extended']).default('fast'),
  ML_SKIP_IF_EXISTS: envFields.bool(true),
  /** Battle worker threads; default: every core. */
  ML_WORKERS: z.coerce.number().int().min(1).optional(),
  /** Where datasets are kept (a volume in Docker). */
  ML_DATA_DIR: z.string().default('var/datasets'),
  MLFLOW_TRACKING_URI: z.string().url().optional(),
  MLFLOW_TRACKING_TOKEN: z.string().optional(),
  /** Grid-search CV samples whole pairs down to about this many training rows (the refit uses all). */
  ML_CV_MAX_ROWS: z.coerce.number().int().min(100).default(60_000),
  /** Monte-Carlo check: held-out best_move pairs, and engine battles per pair. 0 pairs disables it. */
  ML_MC_PAIRS: z.coerce.number().int().min(0).default(300),
  ML_MC_BATTLES: z.coerce.number().int().min(1).default(64),
  /** Recorded on every run; read from git when unset. */
  GIT_COMMIT: z.string().optional(),
  /** Retraining (feedback loop). A cron pattern schedules a retrain (e.g. `0 3 * * 0`); unset = no schedule. */
  ML_RETRAIN_CRON: z.string().optional(),
  /** Weight of one feedback row in retraining, relative to one simulated battle. */
  ML_FEEDBACK_WEIGHT: z.coerce.number().positive().default(5),
  /** The most recent share of feedback is held out to compare challenger and champion. */
  ML_RECENT_FEEDBACK_SHARE: z.coerce.number().gt(0).lt(1).default(0.3),
  /** Promotion: the challenger's test log loss must beat the champion's by at least this. */
  ML_PROMOTION_MIN_IMPROVEMENT: z.coerce.number().min(0).default(0.001),
  /** Promotion: below this many recent feedback rows, feedback does not decide. */
  ML_PROMOTION_MIN_FEEDBACK_ROWS: z.coerce.number().int().min(1).default(50),
  /** Feedback monitor: every this many seconds, rolling figures of the champion over the last window. */
  ML_FEEDBACK_CHECK_SECONDS: z.coerce.number().int().min(1).default(60),
  ML_FEEDBACK_WINDOW: z.coerce.number().int().min(10).default(500),
  /** A retrain is requested when rolling accuracy drops below this with at least the minimum sample. */
  ML_FEEDBACK_MIN_ACCURACY: z.coerce.number().gt(0).lt(1).default(0.75),
  ML_FEEDBACK_MIN_SAMPLES: z.coerce.number().int().min(1).default(100),
  /** No feedback-triggered retrain within this many seconds of the last retrain decision. */
  ML_RETRAIN_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(3600),
  /** Experiment name in the tracking server. */
  ML_EXPERIMENT: z.string().min(1).default('battle-winner'),
})
  // The MLflow write token is a secret: no development value in production.
  .superRefine(refuseDevSecretsInProduction(['MLFLOW_TRACKING_TOKEN']));
export type MlBuilderConfig = z.infer<typeof mlBuilderConfigSchema>;

export { LOCAL_MLFLOW_URL };
