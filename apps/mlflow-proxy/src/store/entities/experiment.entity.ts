import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './bigint-number.transformer';

@Entity({ schema: 'mlflow', name: 'experiments' })
export class ExperimentEntity {
  /** bigint, kept as the string the API speaks. */
  @PrimaryGeneratedColumn({ name: 'experiment_id', type: 'bigint' })
  experimentId!: string;

  @Column({ type: 'varchar', length: 500 })
  name!: string;

  @Column({ name: 'artifact_location', type: 'text' })
  artifactLocation!: string;

  @Column({ name: 'lifecycle_stage', type: 'varchar', length: 16 })
  lifecycleStage!: 'active' | 'deleted';

  @Column({ name: 'creation_time', type: 'bigint', transformer: bigintNumber })
  creationTime!: number;

  @Column({ name: 'last_update_time', type: 'bigint', transformer: bigintNumber })
  lastUpdateTime!: number;
}
