import { ApiProperty } from '@nestjs/swagger';
import { z } from 'zod';
import { ModelRefDto } from '../predict/dto/best-move.dto';

export const REPORTED_WINNERS = ['A', 'B'] as const;
export type ReportedWinner = (typeof REPORTED_WINNERS)[number];

/** `prediction_id` of a /predict answer. */
export const predictionIdParam = z.string({ required_error: 'required' }).uuid('must be a prediction id (UUID)');

export const feedbackRequest = z
  .object(
    {
      winner: z.enum(REPORTED_WINNERS, {
        errorMap: (issue, ctx) => ({ message: ctx.data === undefined ? 'required' : `must be one of ${REPORTED_WINNERS.join(', ')}` }),
      }),
    },
    { required_error: 'a JSON object body is required', invalid_type_error: 'the body must be a JSON object' },
  )
  .strict();

export class FeedbackRequestDto implements z.infer<typeof feedbackRequest> {
  @ApiProperty({ enum: REPORTED_WINNERS, example: 'A', description: 'Who actually won the battle the prediction was about: A (the side whose move was recommended) or B' })
  winner!: ReportedWinner;
}

export const FEEDBACK_STATUSES = ['recorded', 'already-recorded'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export class FeedbackResponseDto {
  @ApiProperty({ format: 'uuid' }) prediction_id!: string;
  @ApiProperty({
    enum: FEEDBACK_STATUSES,
    description: '`recorded`: stored now. `already-recorded`: the same outcome was reported before; nothing changed (feedback_at is the first report)',
  })
  status!: FeedbackStatus;
  @ApiProperty({ enum: ['A', 'B', 'draw'], description: 'The outcome on record' }) actual_winner!: string;
  @ApiProperty({ format: 'date-time', description: 'When the outcome was first recorded' }) feedback_at!: string;
  @ApiProperty({ type: ModelRefDto, description: 'The model version that made the prediction' }) model!: ModelRefDto;
  @ApiProperty({ enum: ['A', 'B'], description: 'What the model predicted (A when its P(A wins) >= 0.5)' }) predicted_winner!: 'A' | 'B';
  @ApiProperty({ description: 'Whether the prediction matched the reported outcome' }) model_was_right!: boolean;
}
