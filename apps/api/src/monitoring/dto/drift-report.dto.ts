import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAT_TESTS } from '@predictiondex/drift';

// The stored report (libs/drift's DriftReport) as GET /monitoring/reports/{id}?format=json sends it:
// the same document with snake_case keys. Documentation only: the controller converts the stored one.

export class FeatureHistogramDto {
  @ApiProperty({ enum: ['bins', 'values'], description: 'bins: `edges` has one more entry than the shares; values: `values` labels each share' }) kind!: string;
  @ApiPropertyOptional({ type: [Number] }) edges?: number[];
  @ApiPropertyOptional({ type: [Number] }) values?: number[];
  @ApiProperty({ type: [Number], description: 'Share of the reference sample in each bin' }) reference!: number[];
  @ApiProperty({ type: [Number], description: 'Share of the logged predictions in each bin' }) current!: number[];
}

export class FeatureDriftReportDto {
  @ApiProperty() feature!: string;
  @ApiProperty({ enum: ['numerical', 'categorical'] }) kind!: string;
  @ApiProperty({ enum: STAT_TESTS }) test!: string;
  @ApiProperty() test_label!: string;
  @ApiProperty({ enum: ['p_value', 'distance'] }) score_type!: string;
  @ApiProperty({ type: 'number', nullable: true }) score!: number | null;
  @ApiProperty() threshold!: number;
  @ApiProperty() drifted!: boolean;
  @ApiProperty({ type: 'number', nullable: true }) psi!: number | null;
  @ApiProperty({ type: 'integer' }) unique_values!: number;
  @ApiProperty({ type: 'integer' }) reference_rows!: number;
  @ApiProperty({ type: 'integer' }) current_rows!: number;
  @ApiProperty({ type: 'number', nullable: true }) reference_mean!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) current_mean!: number | null;
  @ApiProperty({ type: FeatureHistogramDto }) histogram!: FeatureHistogramDto;
}

export class MissingValuesDto {
  @ApiProperty({ type: 'integer' }) reference!: number;
  @ApiProperty({ type: 'integer' }) current!: number;
}

export class OutOfRangeDto {
  @ApiProperty({ type: 'integer' }) below!: number;
  @ApiProperty({ type: 'integer' }) above!: number;
  @ApiProperty({ type: 'number', nullable: true }) reference_min!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) reference_max!: number | null;
}

export class UnseenCategoriesDto {
  @ApiProperty({ type: [Number], description: 'Up to 20 of them' }) values!: number[];
  @ApiProperty({ type: 'integer' }) rows!: number;
}

export class FeatureQualityDto {
  @ApiProperty() feature!: string;
  @ApiProperty({ type: MissingValuesDto }) missing!: MissingValuesDto;
  @ApiProperty({ type: OutOfRangeDto }) out_of_range!: OutOfRangeDto;
  @ApiProperty({ type: UnseenCategoriesDto, nullable: true }) unseen_categories!: UnseenCategoriesDto | null;
}

export class DataQualityReportDto {
  @ApiProperty({ type: 'integer' }) reference_rows!: number;
  @ApiProperty({ type: 'integer' }) current_rows!: number;
  @ApiProperty({ type: 'integer' }) malformed_rows!: number;
  @ApiProperty({ type: 'integer' }) missing_cells!: number;
  @ApiProperty({ type: 'integer' }) out_of_range_cells!: number;
  @ApiProperty({ type: 'integer' }) unseen_category_cells!: number;
  @ApiProperty({ type: 'integer' }) features_with_issues!: number;
  @ApiProperty({ type: [FeatureQualityDto] }) features!: FeatureQualityDto[];
}

export class ReportSampleDto {
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiPropertyOptional() source?: string;
  @ApiPropertyOptional({ format: 'date-time' }) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) to?: string;
}

export class DriftReportDto {
  @ApiProperty({ format: 'date-time' }) generated_at!: string;
  @ApiProperty({ type: ReportSampleDto, description: 'The training reference sample' }) reference!: ReportSampleDto;
  @ApiProperty({ type: ReportSampleDto, description: 'The logged predictions compared' }) current!: ReportSampleDto;
  @ApiProperty({ example: 0.5 }) drift_share_threshold!: number;
  @ApiProperty({ type: 'integer' }) feature_count!: number;
  @ApiProperty({ type: 'integer' }) drifted_features!: number;
  @ApiProperty() drift_share!: number;
  @ApiProperty() dataset_drift!: boolean;
  @ApiProperty({ type: [FeatureDriftReportDto] }) features!: FeatureDriftReportDto[];
  @ApiProperty({ type: DataQualityReportDto }) quality!: DataQualityReportDto;
}
