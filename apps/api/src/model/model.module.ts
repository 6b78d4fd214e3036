import { Global, Module } from '@nestjs/common';
import { ServingModelService } from './serving-model.service';

@Global()
@Module({ providers: [ServingModelService], exports: [ServingModelService] })
export class ModelModule {}
