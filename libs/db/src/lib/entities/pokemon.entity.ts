import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const POKEMON_FORMS = ['base', 'alola', 'mega', 'partner'] as const;
export type PokemonForm = (typeof POKEMON_FORMS)[number];

/**
 * A battle-relevant form (a row per form: Raichu and Alolan Raichu are two rows). The form identity is
 * Showdown's id (`raichualola`), unique. Ids are assigned once and kept by every later ETL run.
 */
@Entity({ name: 'pokemon' })
export class Pokemon {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'showdown_id', type: 'text', unique: true })
  showdownId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'name_fr', type: 'text', nullable: true })
  nameFr!: string | null;

  @Column({ name: 'dex_number', type: 'smallint' })
  dexNumber!: number;

  /** Showdown id of the species this form belongs to (`raichu` for `raichualola`). */
  @Column({ name: 'base_species', type: 'text' })
  baseSpecies!: string;

  @Column({ type: 'text' })
  form!: PokemonForm;

  /** Showdown's forme label ('Alola', 'Mega-X', 'Starter'), empty for the base form. */
  @Column({ name: 'forme_label', type: 'text', default: '' })
  formeLabel!: string;

  @Column({ name: 'evolves_from', type: 'text', nullable: true })
  evolvesFrom!: string | null;

  @Column({ name: 'base_hp', type: 'smallint' }) baseHp!: number;
  @Column({ name: 'base_atk', type: 'smallint' }) baseAtk!: number;
  @Column({ name: 'base_def', type: 'smallint' }) baseDef!: number;
  @Column({ name: 'base_spa', type: 'smallint' }) baseSpa!: number;
  @Column({ name: 'base_spd', type: 'smallint' }) baseSpd!: number;
  @Column({ name: 'base_spe', type: 'smallint' }) baseSpe!: number;

  @Column({ name: 'height_m', type: 'real', nullable: true })
  heightM!: number | null;

  @Column({ name: 'weight_kg', type: 'real', nullable: true })
  weightKg!: number | null;

  @Column({ name: 'sprite_url', type: 'text', nullable: true })
  spriteUrl!: string | null;
}
