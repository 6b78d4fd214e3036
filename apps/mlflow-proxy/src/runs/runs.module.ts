import { Module } from '@nestjs/common';
import { MetricHistoryController } from './metric-history.controller';
import { MetricWriter } from './metric-writer.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  controllers: [RunsController, MetricHistoryController],
  providers: [RunsService, MetricWriter],
  exports: [RunsService],
})
export class RunsModule {}
