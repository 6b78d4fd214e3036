import { ApiProperty } from '@nestjs/swagger';

export class ModelInfoDto {
  @ApiProperty({ example: 'battle-winner' }) name!: string;
  @ApiProperty({ example: '3' }) version!: string;
  @ApiProperty({ example: 'champion' }) alias!: string;
  @ApiProperty({ type: String, nullable: true }) run_id!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Registry source of the version' }) source!: string | null;
  @ApiProperty({ enum: ['registry', 'cache'] }) loaded_from!: string;
  @ApiProperty({ format: 'date-time' }) loaded_at!: string;
  @ApiProperty({ format: 'date-time' }) trained_at!: string;
  @ApiProperty({ example: 'lgpe-v1' }) feature_version!: string;
  @ApiProperty({ type: 'integer', example: 137 }) feature_count!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { accuracy: 0.93, roc_auc: 0.98 } }) metrics!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: true }) params!: Record<string, string | number | boolean>;
  @ApiProperty() dataset_fingerprint!: string;
  @ApiProperty() dex_fingerprint!: string;
  @ApiProperty({ type: 'integer' }) best_iteration!: number;
}
