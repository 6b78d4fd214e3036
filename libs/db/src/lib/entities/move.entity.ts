import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const MOVE_CATEGORIES = ['physical', 'special', 'status'] as const;
export type MoveCategory = (typeof MOVE_CATEGORIES)[number];

@Entity({ name: 'move' })
export class Move {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'showdown_id', type: 'text', unique: true })
  showdownId!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ name: 'name_fr', type: 'text', nullable: true })
  nameFr!: string | null;

  @Column({ name: 'type_id', type: 'smallint' })
  typeId!: number;

  @Column({ type: 'text' })
  category!: MoveCategory;

  /** Base power; null for status moves and moves whose damage is not power-based. */
  @Column({ type: 'smallint', nullable: true })
  power!: number | null;

  /** Percent; null when the move never misses. */
  @Column({ type: 'smallint', nullable: true })
  accuracy!: number | null;

  @Column({ type: 'smallint' })
  pp!: number;

  @Column({ type: 'smallint' })
  priority!: number;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'multi_hit_min', type: 'smallint', nullable: true })
  multiHitMin!: number | null;

  @Column({ name: 'multi_hit_max', type: 'smallint', nullable: true })
  multiHitMax!: number | null;

  /** Two-turn move that charges first (Solar Beam, Fly, Dig...). */
  @Column({ name: 'is_charge', type: 'boolean', default: false })
  isCharge!: boolean;

  /** Must recharge the turn after (Hyper Beam). */
  @Column({ name: 'is_recharge', type: 'boolean', default: false })
  isRecharge!: boolean;

  /** 'level' for level-based damage (Seismic Toss), a number for fixed HP, null otherwise. */
  @Column({ name: 'fixed_damage', type: 'text', nullable: true })
  fixedDamage!: string | null;

  @Column({ name: 'is_ohko', type: 'boolean', default: false })
  isOhko!: boolean;

  /** Fraction of damage dealt taken back (0.25, 0.33...), 0 when none. */
  @Column({ type: 'real', default: 0 })
  recoil!: number;

  /** Fraction of damage dealt healed, 0 when none. */
  @Column({ type: 'real', default: 0 })
  drain!: number;

  @Column({ name: 'crit_ratio', type: 'smallint', default: 1 })
  critRatio!: number;

  /** Showdown's move flags (contact, punch, sound...), sorted, for filters and features. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags!: string[];
}
