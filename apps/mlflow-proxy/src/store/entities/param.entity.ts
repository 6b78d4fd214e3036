import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Immutable once logged: the same key may be logged again only with the same value. */
@Entity({ schema: 'mlflow', name: 'params' })
export class ParamEntity {
  @PrimaryColumn({ name: 'run_uuid', type: 'varchar', length: 32 })
  runUuid!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
