import { ExperimentTagEntity } from './experiment-tag.entity';
import { ExperimentEntity } from './experiment.entity';
import { LatestMetricEntity } from './latest-metric.entity';
import { MetricEntity } from './metric.entity';
import { ModelVersionTagEntity } from './model-version-tag.entity';
import { ModelVersionEntity } from './model-version.entity';
import { ParamEntity } from './param.entity';
import { RegisteredModelAliasEntity } from './registered-model-alias.entity';
import { RegisteredModelTagEntity } from './registered-model-tag.entity';
import { RegisteredModelEntity } from './registered-model.entity';
import { RunInputEntity } from './run-input.entity';
import { RunTagEntity } from './run-tag.entity';
import { RunEntity } from './run.entity';

export {
  ExperimentEntity,
  ExperimentTagEntity,
  RunEntity,
  ParamEntity,
  RunTagEntity,
  MetricEntity,
  LatestMetricEntity,
  RunInputEntity,
  RegisteredModelEntity,
  RegisteredModelTagEntity,
  ModelVersionEntity,
  ModelVersionTagEntity,
  RegisteredModelAliasEntity,
};

/** Listed explicitly so the webpack bundle carries them. */
export const MLFLOW_STORE_ENTITIES = [
  ExperimentEntity,
  ExperimentTagEntity,
  RunEntity,
  ParamEntity,
  RunTagEntity,
  MetricEntity,
  LatestMetricEntity,
  RunInputEntity,
  RegisteredModelEntity,
  RegisteredModelTagEntity,
  ModelVersionEntity,
  ModelVersionTagEntity,
  RegisteredModelAliasEntity,
];
