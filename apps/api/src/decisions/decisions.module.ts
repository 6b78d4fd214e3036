import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';
import { ModelDecisionsService } from './model-decisions.service';

/** GET /monitoring/decisions: the model_decision audit. */
@Module({ controllers: [DecisionsController], providers: [ModelDecisionsService] })
export class DecisionsModule {}
