import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { intField } from '../../common/dto/query-fields';

/** Most outcomes per version one request may ask for. */
export const MAX_PERFORMANCE_WINDOW = 5000;
/** Versions reported at most (those with the most recent outcomes). */
export const MAX_PERFORMANCE_VERSIONS = 10;

export const modelVersionField = z.string().regex(/^\d{1,10}$/, 'must be a model version number');

export const performanceQuery = (defaultWindow: number) =>
  z
    .object({
      version: modelVersionField.optional(),
      window: intField(10, MAX_PERFORMANCE_WINDOW).default(String(defaultWindow)),
    })
    .strict();
export type PerformanceQuery = z.infer<ReturnType<typeof performanceQuery>>;

export class PerformanceQueryDto {
  @ApiPropertyOptional({ example: '3', description: 'One version only (default: every version with outcomes, at most 10, most recent outcomes first)' })
  version?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 10, maximum: MAX_PERFORMANCE_WINDOW, description: 'Latest outcomes per version to score (default PERFORMANCE_WINDOW)' })
  window?: number;
}

export class ConfusionDto {
  @ApiProperty({ type: 'integer', description: 'A won, predicted A' }) tp!: number;
  @ApiProperty({ type: 'integer', description: 'A did not win, predicted A' }) fp!: number;
  @ApiProperty({ type: 'integer', description: 'A did not win, predicted B' }) tn!: number;
  @ApiProperty({ type: 'integer', description: 'A won, predicted B' }) fn!: number;
}

export class CalibrationBinDto {
  @ApiProperty() lower!: number;
  @ApiProperty() upper!: number;
  @ApiProperty({ type: 'integer' }) count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean P(A wins) in the bin (null when empty)' }) mean_predicted!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Share of A wins in the bin (null when empty)' }) observed_rate!: number | null;
}

export class RollingAccuracyPointDto {
  @ApiProperty({ format: 'date-time', description: 'Feedback time of the last outcome in the window' }) at!: string;
  @ApiProperty() accuracy!: number;
  @ApiProperty({ type: 'integer' }) samples!: number;
}

export class VersionPerformanceDto {
  @ApiProperty({ example: '3' }) version!: string;
  @ApiProperty({ description: 'Whether this api replica serves this version now' }) serving!: boolean;
  @ApiProperty({ type: 'integer', description: 'Outcomes scored (the latest `window`)' }) samples!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Null without outcomes' }) accuracy!: number | null;
  @ApiProperty({ type: Number, nullable: true }) log_loss!: number | null;
  @ApiProperty({ type: Number, nullable: true }) brier!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when every outcome is the same' }) roc_auc!: number | null;
  @ApiProperty({ type: ConfusionDto }) confusion!: ConfusionDto;
  @ApiProperty({ type: [CalibrationBinDto], description: '10 equal-width bins of P(A wins)' }) calibration!: CalibrationBinDto[];
  @ApiProperty({ type: [RollingAccuracyPointDto], description: 'Accuracy over the last 50 outcomes, in feedback order (at most 100 points)' })
  rolling_accuracy!: RollingAccuracyPointDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) first_feedback_at!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_feedback_at!: string | null;
}

export class PerformanceResponseDto {
  @ApiProperty({ example: 'battle-winner' }) model_name!: string;
  @ApiProperty({ type: 'integer' }) window!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The version this replica serves' }) serving_version!: string | null;
  @ApiProperty({ format: 'date-time' }) generated_at!: string;
  @ApiProperty({ type: [VersionPerformanceDto], description: 'Newest version first' }) versions!: VersionPerformanceDto[];
}
