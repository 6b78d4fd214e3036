import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RunsModule } from '../runs/runs.module';
import { ModelVersionEntity, RegisteredModelEntity } from '../store/entities';
import { ModelVersionsController } from './model-versions.controller';
import { ModelVersionsService } from './model-versions.service';
import { RegisteredModelsController } from './registered-models.controller';
import { RegisteredModelsService } from './registered-models.service';

@Module({
  imports: [TypeOrmModule.forFeature([RegisteredModelEntity, ModelVersionEntity]), RunsModule],
  controllers: [RegisteredModelsController, ModelVersionsController],
  providers: [RegisteredModelsService, ModelVersionsService],
})
export class RegistryModule {}
