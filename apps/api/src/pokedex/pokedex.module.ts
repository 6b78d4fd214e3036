import { Module } from '@nestjs/common';
import { MovesController } from './moves.controller';
import { MovesService } from './moves.service';
import { PokedexService } from './pokedex.service';
import { PokemonController } from './pokemon.controller';
import { PokemonService } from './pokemon.service';
import { TypesController } from './types.controller';
import { TypesService } from './types.service';

@Module({
  controllers: [PokemonController, MovesController, TypesController],
  providers: [PokedexService, PokemonService, MovesService, TypesService],
  exports: [PokedexService],
})
export class PokedexModule {}
