import { FEATURE_NAMES } from '@predictiondex/battle';

/** Column names of the dataset file besides the features (one Float32 column per feature, `f:<name>`). */
export const DATASET_COLUMNS = ['scenario', 'pair', 'a', 'move_a', 'b', 'move_b', 'seed', 'winner', 'label', 'turns', 'hp_a', 'hp_b', 'split'] as const;

export const featureColumn = (name: string): string => `f:${name}`;
export const FEATURE_COLUMNS = FEATURE_NAMES.map(featureColumn);
