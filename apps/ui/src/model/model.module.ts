import { Module } from '@nestjs/common';
import { ModelController } from './model.controller';
import { ModelRegistryService } from './model-registry.service';

@Module({ controllers: [ModelController], providers: [ModelRegistryService] })
export class ModelModule {}
