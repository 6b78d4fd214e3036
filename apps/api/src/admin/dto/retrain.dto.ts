import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RETRAIN_REASONS } from '@predictiondex/queues';
import { z } from 'zod';

export const MAX_RETRAIN_NOTE = 200;

/** The body is optional: `POST /admin/retrain` alone asks for a retrain without a note. */
export const retrainRequest = z
  .object(
    {
      reason: z
        .string({ invalid_type_error: 'must be a string' })
        .trim()
        .min(1, 'must not be empty')
        .max(MAX_RETRAIN_NOTE, `must be at most ${MAX_RETRAIN_NOTE} characters`)
        .optional(),
    },
    { invalid_type_error: 'the body must be a JSON object' },
  )
  .strict()
  .optional();

export class RetrainRequestDto {
  @ApiPropertyOptional({ maxLength: MAX_RETRAIN_NOTE, example: 'new season data', description: 'Free text recorded with the request (job details, then the decision)' })
  reason?: string;
}

export class RetrainAcceptedDto {
  @ApiProperty({ example: 'retrain-1733400000000', description: 'The ml-build job that will run the retrain' }) job_id!: string;
  @ApiProperty({ description: 'True when the request joined a retrain already waiting (no second retrain is queued)' }) merged!: boolean;
  @ApiProperty({ enum: RETRAIN_REASONS, isArray: true, description: 'Every trigger the waiting retrain now carries' }) reasons!: string[];
}
