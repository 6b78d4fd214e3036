import { Module } from '@nestjs/common';
import { FeedbackController } from './feedback.controller';
import { FeedbackMetrics } from './feedback.metrics';
import { PredictionFeedbackService } from './prediction-feedback.service';

/** POST /predictions/{id}/feedback: real outcomes onto the prediction log (the log writer is global). */
@Module({ controllers: [FeedbackController], providers: [PredictionFeedbackService, FeedbackMetrics] })
export class FeedbackModule {}
