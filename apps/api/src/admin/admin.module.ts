import { Module } from '@nestjs/common';
import { PokedexModule } from '../pokedex/pokedex.module';
import { AdminController } from './admin.controller';

@Module({ imports: [PokedexModule], controllers: [AdminController] })
export class AdminModule {}
