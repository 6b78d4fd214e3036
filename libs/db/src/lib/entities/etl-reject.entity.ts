import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An input row a source refused, with why, so a user can fix the file and re-run. */
@Entity({ name: 'etl_rejects' })
export class EtlReject {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'run_id', type: 'int' })
  runId!: number;

  @Column({ type: 'text' })
  source!: string;

  /** File and line, or URL: where the row came from. */
  @Column({ type: 'text' })
  location!: string;

  @Column({ type: 'jsonb' })
  row!: Record<string, unknown>;

  @Column({ type: 'text' })
  reason!: string;
}
