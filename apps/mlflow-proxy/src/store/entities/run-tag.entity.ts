import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'mlflow', name: 'tags' })
export class RunTagEntity {
  @PrimaryColumn({ name: 'run_uuid', type: 'varchar', length: 32 })
  runUuid!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
