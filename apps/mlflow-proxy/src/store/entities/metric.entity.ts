import { Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from './bigint-number.transformer';

/** One logged point of a metric's history. */
@Entity({ schema: 'mlflow', name: 'metrics' })
export class MetricEntity {
  @PrimaryColumn({ name: 'run_uuid', type: 'varchar', length: 32 })
  runUuid!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  step!: number;

  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber })
  timestamp!: number;

  @PrimaryColumn({ type: 'double precision' })
  value!: number;
}
