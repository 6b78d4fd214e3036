import { Module } from '@nestjs/common';
import { ModelPerformanceService } from './model-performance.service';
import { PerformanceController } from './performance.controller';
import { PerformanceMetrics } from './performance.metrics';

/** /monitoring/performance (JSON, HTML report) and the model_feedback_* gauges. */
@Module({ controllers: [PerformanceController], providers: [ModelPerformanceService, PerformanceMetrics] })
export class PerformanceModule {}
