import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number.transformer';

/** The point with the highest (step, timestamp, value) per run and key. */
@Entity({ schema: 'mlflow', name: 'latest_metrics' })
export class LatestMetricEntity {
  @PrimaryColumn({ name: 'run_uuid', type: 'varchar', length: 32 })
  runUuid!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  step!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  timestamp!: number;

  @Column({ type: 'double precision' })
  value!: number;
}
