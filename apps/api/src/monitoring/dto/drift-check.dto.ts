import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DRIFT_CHECK_STATUSES, DriftCheckStatus } from '@predictiondex/db';
import { DriftCheckDetails, DriftCheckSummary, STAT_TEST_DEFINITIONS, STAT_TESTS } from '@predictiondex/drift';
import { z } from 'zod';
import { pagingFields } from '../../common/dto/query-fields';

/** Where a stored check's HTML report is served (relative to the api's base URL). */
export const reportPath = (id: number) => `/monitoring/reports/${id}`;

export class DriftFeatureDto {
  @ApiProperty({ example: 'a_spe' }) feature!: string;
  @ApiProperty({ enum: STAT_TESTS, description: "Evidently's default test for the feature (by reference size and distinct values)" }) test!: string;
  @ApiProperty({ example: 'K-S p-value' }) test_label!: string;
  @ApiProperty({ enum: ['p_value', 'distance'], description: 'p_value: drift below the threshold; distance: drift at or above it' }) score_type!: string;
  @ApiProperty({ type: 'number', nullable: true, description: "The test's p-value or distance" }) score!: number | null;
  @ApiProperty({ example: 0.05 }) threshold!: number;
  @ApiProperty() drifted!: boolean;
  @ApiProperty({ type: 'number', nullable: true, description: 'Population Stability Index (reported; < 0.1 stable, > 0.25 major shift)' }) psi!: number | null;
}

export class DataQualitySummaryDto {
  @ApiProperty({ type: 'integer', description: 'Logged rows whose vector does not have the expected length' }) malformed_rows!: number;
  @ApiProperty({ type: 'integer', description: 'null, NaN or infinite feature values' }) missing_cells!: number;
  @ApiProperty({ type: 'integer', description: "Values outside the reference sample's range" }) out_of_range_cells!: number;
  @ApiProperty({ type: 'integer', description: 'Values of few-valued features the reference never had' }) unseen_category_cells!: number;
  @ApiProperty({ type: 'integer' }) features_with_issues!: number;
}

export class DriftCheckSummaryDto {
  @ApiProperty({ type: 'integer', example: 12 }) id!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ enum: DRIFT_CHECK_STATUSES, enumName: 'DriftCheckStatus', description: 'skipped: too few logged predictions or no served model; failed: see message' }) status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the check was skipped or failed (or a note)' }) message!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'battle-winner' }) model_name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '3' }) model_version!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Training run whose reference sample was compared' }) run_id!: string | null;
  @ApiProperty({ example: 'lgpe-v1' }) feature_version!: string;
  @ApiProperty({ format: 'date-time', description: 'Predictions logged from here...' }) window_start!: string;
  @ApiProperty({ format: 'date-time', description: '...to here were compared' }) window_end!: string;
  @ApiProperty({ type: 'integer', description: 'Rows of the training reference sample' }) reference_rows!: number;
  @ApiProperty({ type: 'integer', description: 'Logged predictions compared' }) current_rows!: number;
  @ApiProperty({ type: 'integer' }) feature_count!: number;
  @ApiProperty({ type: 'integer' }) drifted_features!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'drifted_features / feature_count (completed checks)' }) drift_share!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'At least half of the features drifted (completed checks)' }) dataset_drift!: boolean | null;
  @ApiProperty({ type: 'integer' }) duration_ms!: number;
  @ApiProperty({ type: String, nullable: true, example: '/monitoring/reports/12', description: 'The HTML report (completed checks only)' }) report_url!: string | null;
}

export class DriftCheckDetailsDto extends DriftCheckSummaryDto {
  @ApiProperty({ type: [DriftFeatureDto], description: 'Every feature tested, drifted ones first' }) features!: DriftFeatureDto[];
  @ApiProperty({ type: DataQualitySummaryDto, nullable: true }) quality!: DataQualitySummaryDto | null;
}

export class DriftCheckPageDto {
  @ApiProperty({ type: [DriftCheckSummaryDto], description: 'Newest first' }) items!: DriftCheckSummaryDto[];
  @ApiProperty({ type: 'integer', description: 'Stored checks (with this status) before paging' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
}

export class DriftCheckQueuedDto {
  @ApiProperty({ example: '42', description: 'BullMQ job id on the drift queue (see the queue dashboard)' }) job_id!: string;
  @ApiProperty({ example: 'drift' }) queue!: string;
}

export const listReportsQuery = z
  .object({
    ...pagingFields(20, 100),
    status: z.enum(DRIFT_CHECK_STATUSES, { errorMap: () => ({ message: `must be one of ${DRIFT_CHECK_STATUSES.join(', ')}` }) }).optional(),
  })
  .strict();

/** Query of GET /monitoring/reports (validated by `listReportsQuery`). */
export class ListReportsQueryDto implements z.infer<typeof listReportsQuery> {
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 }) limit!: number;
  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 }) offset!: number;
  @ApiPropertyOptional({ enum: DRIFT_CHECK_STATUSES }) status?: DriftCheckStatus;
}

export const REPORT_FORMATS = ['html', 'json'] as const;
export const reportQuery = z
  .object({ format: z.enum(REPORT_FORMATS, { errorMap: () => ({ message: `must be one of ${REPORT_FORMATS.join(', ')}` }) }).default('html') })
  .strict();

export class ReportQueryDto implements z.infer<typeof reportQuery> {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'html', description: 'html: the self-contained report page; json: the stored report' }) format!: (typeof REPORT_FORMATS)[number];
}

/** Longest window a manual check may ask for (the drift job's own limit). */
export const MAX_WINDOW_HOURS = 24 * 90;

/** Body of POST /monitoring/drift/check: optional, and so is its one field. */
export const driftCheckRequest = z
  .object(
    {
      window_hours: z
        .number({ invalid_type_error: 'must be a number of hours (integer)' })
        .int('must be an integer')
        .min(1, 'must be at least 1')
        .max(MAX_WINDOW_HOURS, `must be at most ${MAX_WINDOW_HOURS}`)
        .optional(),
    },
    { invalid_type_error: 'the body must be a JSON object' },
  )
  .strict()
  .optional();

export class DriftCheckRequestDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_WINDOW_HOURS, description: 'Compare the predictions of the last N hours (default DRIFT_WINDOW_HOURS)' })
  window_hours?: number;
}

export function toDriftCheckSummaryDto(c: DriftCheckSummary): DriftCheckSummaryDto {
  return {
    id: c.id,
    created_at: c.createdAt,
    status: c.status,
    message: c.message,
    model_name: c.modelName,
    model_version: c.modelVersion,
    run_id: c.runId,
    feature_version: c.featureVersion,
    window_start: c.windowStart,
    window_end: c.windowEnd,
    reference_rows: c.referenceRows,
    current_rows: c.currentRows,
    feature_count: c.featureCount,
    drifted_features: c.driftedFeatures,
    drift_share: c.driftShare,
    dataset_drift: c.datasetDrift,
    duration_ms: c.durationMs,
    report_url: c.status === 'completed' ? reportPath(c.id) : null,
  };
}

export function toDriftCheckDetailsDto(c: DriftCheckDetails): DriftCheckDetailsDto {
  const q = c.quality;
  return {
    ...toDriftCheckSummaryDto(c),
    features: c.features.map((f) => ({
      feature: f.feature,
      test: f.test,
      test_label: STAT_TEST_DEFINITIONS[f.test]?.label ?? f.test,
      score_type: STAT_TEST_DEFINITIONS[f.test]?.scoreType ?? 'p_value',
      score: f.score,
      threshold: f.threshold,
      drifted: f.drifted,
      psi: f.psi,
    })),
    quality: q
      ? {
          malformed_rows: q.malformedRows,
          missing_cells: q.missingCells,
          out_of_range_cells: q.outOfRangeCells,
          unseen_category_cells: q.unseenCategoryCells,
          features_with_issues: q.featuresWithIssues,
        }
      : null,
  };
}
