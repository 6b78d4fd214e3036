import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const DRIFT_CHECK_STATUSES = ['completed', 'skipped', 'failed'] as const;
export type DriftCheckStatus = (typeof DRIFT_CHECK_STATUSES)[number];

/**
 * One drift check: recent logged prediction features compared with the training reference sample
 * of the served model's run. `report` holds the full result (per-feature tests, PSI, histograms,
 * data quality) as libs/drift's DriftReport, from which the HTML report is rendered on request.
 */
@Entity({ name: 'drift_check' })
@Index('ix_drift_check_created_at', ['createdAt'])
export class DriftCheck {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text' })
  status!: DriftCheckStatus;

  /** Why a check was skipped (too few rows, no model) or failed. */
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Column({ name: 'model_name', type: 'text', nullable: true })
  modelName!: string | null;

  @Column({ name: 'model_version', type: 'text', nullable: true })
  modelVersion!: string | null;

  /** The training run whose reference sample was used. */
  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;

  @Column({ name: 'feature_version', type: 'text' })
  featureVersion!: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd!: Date;

  @Column({ name: 'reference_rows', type: 'int', default: 0 })
  referenceRows!: number;

  @Column({ name: 'current_rows', type: 'int', default: 0 })
  currentRows!: number;

  @Column({ name: 'feature_count', type: 'int', default: 0 })
  featureCount!: number;

  @Column({ name: 'drifted_features', type: 'int', default: 0 })
  driftedFeatures!: number;

  @Column({ name: 'drift_share', type: 'real', nullable: true })
  driftShare!: number | null;

  @Column({ name: 'dataset_drift', type: 'boolean', nullable: true })
  datasetDrift!: boolean | null;

  @Column({ name: 'duration_ms', type: 'int', default: 0 })
  durationMs!: number;

  @Column({ type: 'jsonb', nullable: true })
  report!: Record<string, unknown> | null;
}
