import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One cell of the 18x18 chart: damage multiplier of an attacking type on a single defending type. */
@Entity({ name: 'type_effectiveness' })
export class TypeEffectiveness {
  @PrimaryColumn({ name: 'attacking_type_id', type: 'smallint' })
  attackingTypeId!: number;

  @PrimaryColumn({ name: 'defending_type_id', type: 'smallint' })
  defendingTypeId!: number;

  /** 0, 0.5, 1 or 2. */
  @Column({ type: 'real' })
  multiplier!: number;
}
