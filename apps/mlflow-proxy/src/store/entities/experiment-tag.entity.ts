import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'mlflow', name: 'experiment_tags' })
export class ExperimentTagEntity {
  @PrimaryColumn({ name: 'experiment_id', type: 'bigint' })
  experimentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
