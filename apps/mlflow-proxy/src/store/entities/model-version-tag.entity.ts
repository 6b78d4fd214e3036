import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'mlflow', name: 'model_version_tags' })
export class ModelVersionTagEntity {
  @PrimaryColumn({ type: 'varchar', length: 256 })
  name!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @PrimaryColumn({ type: 'varchar', length: 250 })
  key!: string;

  @Column({ type: 'text' })
  value!: string;
}
