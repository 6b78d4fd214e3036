import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number.transformer';

@Entity({ schema: 'mlflow', name: 'registered_models' })
export class RegisteredModelEntity {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ name: 'creation_time', type: 'bigint', transformer: bigintNumber })
  creationTime!: number;

  @Column({ name: 'last_updated_time', type: 'bigint', transformer: bigintNumber })
  lastUpdatedTime!: number;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 256, nullable: true })
  userId!: string | null;

  /** Highest version number handed out so far; versions are never renumbered after a delete. */
  @Column({ name: 'last_version', type: 'int' })
  lastVersion!: number;
}
