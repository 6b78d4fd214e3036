import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'mlflow', name: 'registered_model_tags' })
export class RegisteredModelTagEntity {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
