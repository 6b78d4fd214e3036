import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'pokemon_type' })
export class PokemonType {
  /** 1..18 in Showdown's type order; stable across ETL runs. */
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ name: 'name_fr', type: 'text', nullable: true })
  nameFr!: string | null;
}
