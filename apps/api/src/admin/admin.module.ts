import { Module } from '@nestjs/common';
import { PokedexModule } from '../pokedex/pokedex.module';
import { RetrainModule } from '../retrain/retrain.module';
import { AdminController } from './admin.controller';

@Module({ imports: [PokedexModule, RetrainModule], controllers: [AdminController] })
export class AdminModule {}
