import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Scope } from '../common/api-docs.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { FeedbackRequestDto, feedbackRequest, FeedbackResponseDto, predictionIdParam } from './feedback.dto';
import { PredictionFeedbackService } from './prediction-feedback.service';

@ApiTags('feedback')
@Controller('predictions')
export class FeedbackController {
  constructor(private readonly feedback: PredictionFeedbackService) {}

  @Post(':id/feedback')
  @HttpCode(200)
  @Scope('predict')
  @ApiOperation({
    summary: 'Report who really won the battle a prediction was about',
    description:
      'Stores the outcome on the logged prediction (`prediction_id` of /predict/best-move or /predict/simulate), once: the same outcome again is a 200 `already-recorded` that changes nothing; a different one is a 409 naming the recorded outcome. Reported outcomes feed the live performance figures and retraining.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'prediction_id of the answer' })
  @ApiBody({ type: FeedbackRequestDto })
  @ApiOkResponse({ type: FeedbackResponseDto })
  @ApiErrors(400, 404, 409, 413, 503)
  report(@Param('id', new ZodValidationPipe(predictionIdParam)) id: string, @Body(new ZodValidationPipe(feedbackRequest)) body: FeedbackRequestDto): Promise<FeedbackResponseDto> {
    return this.feedback.record(id, body.winner);
  }
}
