import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const LEARN_METHODS = ['level-up', 'evolution', 'tm', 'tutor', 'event', 'inherited'] as const;
export type LearnMethod = (typeof LEARN_METHODS)[number];

/**
 * How a form learns a move. `source_pokemon_id` is the form whose learnset grants it: the form itself,
 * or (method 'inherited') the earlier evolution / base form it comes from.
 */
@Entity({ name: 'learnset' })
@Unique('uq_learnset_entry', ['pokemonId', 'moveId', 'method', 'sourcePokemonId'])
export class LearnsetEntry {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'pokemon_id', type: 'int' })
  pokemonId!: number;

  @Column({ name: 'move_id', type: 'int' })
  moveId!: number;

  @Column({ type: 'text' })
  method!: LearnMethod;

  /** Level for level-up moves (the lowest one when the form learns it at several), else null. */
  @Column({ type: 'smallint', nullable: true })
  level!: number | null;

  @Column({ name: 'source_pokemon_id', type: 'int' })
  sourcePokemonId!: number;
}
