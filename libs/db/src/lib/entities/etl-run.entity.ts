import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ETL_RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type EtlRunStatus = (typeof ETL_RUN_STATUSES)[number];

@Entity({ name: 'etl_run' })
export class EtlRun {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text' })
  status!: EtlRunStatus;

  @Column({ type: 'boolean', default: false })
  forced!: boolean;

  /** Source name -> version string (package versions, file hashes, base URL). */
  @Column({ name: 'source_versions', type: 'jsonb', default: () => "'{}'" })
  sourceVersions!: Record<string, string>;

  /** Table -> rows in the table after the run. */
  @Column({ name: 'row_counts', type: 'jsonb', default: () => "'{}'" })
  rowCounts!: Record<string, number>;

  /** Table -> rows inserted, updated or deleted by the run. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes!: Record<string, number>;

  @Column({ name: 'rejected_rows', type: 'int', default: 0 })
  rejectedRows!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  /** Hash of everything loaded: what datasets and models record as the Pokédex they were built on. */
  @Column({ name: 'dex_fingerprint', type: 'text', nullable: true })
  dexFingerprint!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
