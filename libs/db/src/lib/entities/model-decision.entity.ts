import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every change of the serving model's alias and why: retrain promotions (or refusals) and rollbacks. */
@Entity({ name: 'model_decision' })
export class ModelDecision {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  /** 'retrain' or 'rollback'. */
  @Column({ type: 'text' })
  kind!: 'retrain' | 'rollback';

  @Column({ name: 'model_name', type: 'text' })
  modelName!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  reasons!: string[];

  @Column({ name: 'champion_before', type: 'text', nullable: true })
  championBefore!: string | null;

  /** The challenger a retrain produced, or the version a rollback restores. */
  @Column({ name: 'candidate_version', type: 'text' })
  candidateVersion!: string;

  @Column({ name: 'champion_after', type: 'text' })
  championAfter!: string;

  @Column({ type: 'boolean' })
  promoted!: boolean;

  @Column({ type: 'text' })
  explanation!: string;

  /** Scores of both models on the test split and on recent feedback, feedback counts, timings. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  figures!: Record<string, unknown>;

  @Column({ name: 'run_id', type: 'text', nullable: true })
  runId!: string | null;
}
