import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MlflowDataset, MlflowKeyValue } from '@predictiondex/mlflow-client';

@Entity({ schema: 'mlflow', name: 'run_inputs' })
export class RunInputEntity {
  @PrimaryColumn({ name: 'run_uuid', type: 'varchar', length: 32 })
  runUuid!: string;

  @PrimaryColumn({ name: 'dataset_name', type: 'varchar', length: 500 })
  datasetName!: string;

  @PrimaryColumn({ name: 'dataset_digest', type: 'varchar', length: 36 })
  datasetDigest!: string;

  @Column({ type: 'jsonb' })
  dataset!: MlflowDataset;

  @Column({ type: 'jsonb' })
  tags!: MlflowKeyValue[];
}
