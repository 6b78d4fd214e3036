import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'pokemon_type_slot' })
export class PokemonTypeSlot {
  @PrimaryColumn({ name: 'pokemon_id', type: 'int' })
  pokemonId!: number;

  /** 1 or 2. */
  @PrimaryColumn({ type: 'smallint' })
  slot!: number;

  @Column({ name: 'type_id', type: 'smallint' })
  typeId!: number;
}
