import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MlflowModelStage, MlflowModelVersionStatus } from '@predictiondex/mlflow-client';
import { bigintNumber } from './bigint-number.transformer';

@Entity({ schema: 'mlflow', name: 'model_versions' })
export class ModelVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @Column({ name: 'creation_time', type: 'bigint', transformer: bigintNumber })
  creationTime!: number;

  @Column({ name: 'last_updated_time', type: 'bigint', transformer: bigintNumber })
  lastUpdatedTime!: number;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 256, nullable: true })
  userId!: string | null;

  @Column({ name: 'current_stage', type: 'varchar', length: 20 })
  currentStage!: MlflowModelStage;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 32, nullable: true })
  runId!: string | null;

  @Column({ name: 'run_link', type: 'text', nullable: true })
  runLink!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: MlflowModelVersionStatus;

  @Column({ name: 'status_message', type: 'text', nullable: true })
  statusMessage!: string | null;
}
