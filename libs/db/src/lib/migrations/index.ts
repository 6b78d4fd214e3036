import { PokedexSchema1732400000000 } from './1732400000000-pokedex-schema';
import { PredictionLog1732500000000 } from './1732500000000-prediction-log';
import { DriftCheck1732600000000 } from './1732600000000-drift-check';
import { ModelDecision1732700000000 } from './1732700000000-model-decision';
import { PredictionFeedbackIndex1732810000000 } from './1732810000000-prediction-feedback-index';

/** Applied in this order by `npm run migrate`; listed explicitly so bundled apps carry them. */
export const MIGRATIONS = [PokedexSchema1732400000000, PredictionLog1732500000000, DriftCheck1732600000000, ModelDecision1732700000000, PredictionFeedbackIndex1732810000000];
