import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MlflowLifecycleStage, MlflowRunStatus } from '@predictiondex/mlflow-client';
import { bigintNumber } from './bigint-number.transformer';

@Entity({ schema: 'mlflow', name: 'runs' })
export class RunEntity {
  @PrimaryColumn({ name: 'run_uuid', type: 'varchar', length: 32 })
  runUuid!: string;

  @Column({ type: 'varchar', length: 250 })
  name!: string;

  @Column({ name: 'experiment_id', type: 'bigint' })
  experimentId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 256, nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: MlflowRunStatus;

  @Column({ name: 'start_time', type: 'bigint', transformer: bigintNumber })
  startTime!: number;

  @Column({ name: 'end_time', type: 'bigint', nullable: true, transformer: bigintNumber })
  endTime!: number | null;

  @Column({ name: 'lifecycle_stage', type: 'varchar', length: 16 })
  lifecycleStage!: MlflowLifecycleStage;

  @Column({ name: 'deleted_time', type: 'bigint', nullable: true, transformer: bigintNumber })
  deletedTime!: number | null;

  @Column({ name: 'artifact_uri', type: 'text' })
  artifactUri!: string;
}
