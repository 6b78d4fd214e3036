import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { z } from 'zod';
import { pagingFields } from '../../common/dto/query-fields';

export const DECISION_KINDS = ['retrain', 'rollback'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const DECISION_OUTCOMES = ['promoted', 'kept-champion', 'rolled-back'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const decisionsQuery = z
  .object({
    kind: z.enum(DECISION_KINDS, { errorMap: () => ({ message: `must be one of ${DECISION_KINDS.join(', ')}` }) }).optional(),
    ...pagingFields(20, 100),
  })
  .strict();

/** Query of GET /monitoring/decisions (documentation and type; validated by `decisionsQuery`). */
export class DecisionsQueryDto implements z.infer<typeof decisionsQuery> {
  @ApiPropertyOptional({ enum: DECISION_KINDS }) kind?: DecisionKind;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 }) limit!: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 }) offset!: number;
}

export class DecisionDto {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ enum: DECISION_KINDS, description: 'retrain: a challenger was trained and judged; rollback: the champion alias was moved back by hand' }) kind!: DecisionKind;
  @ApiProperty({
    enum: DECISION_OUTCOMES,
    description: 'promoted: the challenger became champion; kept-champion: it was rejected (registered as challenger); rolled-back: a rollback',
  })
  decision!: DecisionOutcome;
  @ApiProperty({ example: 'battle-winner' }) model_name!: string;
  @ApiProperty({ type: [String], example: ['feedback', 'manual'], description: 'What asked for it (retrain triggers, or the rollback reason)' }) reasons!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Champion version before the decision' }) champion_before!: string | null;
  @ApiProperty({ description: 'The challenger a retrain produced, or the version a rollback restored' }) candidate_version!: string;
  @ApiProperty({ description: 'Champion version after the decision' }) champion_after!: string;
  @ApiProperty() promoted!: boolean;
  @ApiProperty({ description: 'Why (the promotion rule’s reason, or the rollback’s)' }) explanation!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'Figures behind a retrain decision: challenger and champion scores on the test split and the held-out feedback (testLogLoss, testAccuracy, feedbackRows, feedbackLogLoss, feedbackAccuracy), feedback {total, trained, heldOut, weight}, datasetVersion, stagesMs; empty for a rollback',
  })
  figures!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'MLflow run of the challenger (or of the restored version)' }) run_id!: string | null;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionDto], description: 'Newest first' }) items!: DecisionDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
}
