import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'mlflow', name: 'registered_model_aliases' })
export class RegisteredModelAliasEntity {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  alias!: string;

  @Column({ type: 'int' })
  version!: number;
}
