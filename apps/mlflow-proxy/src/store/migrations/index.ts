import { MlflowStore1733500000000 } from './1733500000000-mlflow-store';

/** Applied in this order; listed explicitly (no glob) so the webpack bundle carries them. */
export const MLFLOW_STORE_MIGRATIONS = [MlflowStore1733500000000];
