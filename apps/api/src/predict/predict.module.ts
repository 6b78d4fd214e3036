import { Module } from '@nestjs/common';
import { PokedexModule } from '../pokedex/pokedex.module';
import { BattleSimulator } from './battle-simulator.service';
import { PredictController } from './predict.controller';
import { PredictMetrics } from './predict.metrics';
import { PredictService } from './predict.service';

@Module({
  imports: [PokedexModule],
  controllers: [PredictController],
  providers: [PredictService, BattleSimulator, PredictMetrics],
})
export class PredictModule {}
