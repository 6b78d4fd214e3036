import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { SearchQueryDto } from './dto/pokemon.dto';
import { ListMovesQueryDto, MoveDto, MovePageDto, MoveSearchDto, MovesByTypeDto } from './dto/move.dto';
import { PokedexService } from './pokedex.service';
import { rankMatches, typeRef } from './pokedex-views';
import { findType } from './type-lookup';

@Injectable()
export class MovesService {
  constructor(private readonly pokedex: PokedexService) {}

  list(query: ListMovesQueryDto): MovePageDto {
    const views = this.pokedex.views;
    let typeId: number | undefined;
    if (query.type !== undefined) {
      const type = findType(views.snapshot, query.type);
      if (!type) throw ApiError.badRequest(`unknown type '${query.type}'`, [{ field: 'type', message: `unknown type '${query.type}'` }]);
      typeId = type.id;
    }
    const name = query.name?.toLowerCase();
    const powerFilter = query.min_power !== undefined || query.max_power !== undefined;
    const matches = views.moves.filter(
      (m) =>
        (typeId === undefined || m.type.id === typeId) &&
        (query.category === undefined || m.category === query.category) &&
        (!powerFilter || (m.power !== null && m.power >= (query.min_power ?? 0) && m.power <= (query.max_power ?? Infinity))) &&
        (name === undefined || m.name.toLowerCase().includes(name)),
    );
    return { items: matches.slice(query.offset, query.offset + query.limit), total: matches.length, limit: query.limit, offset: query.offset };
  }

  search(query: SearchQueryDto): MoveSearchDto {
    const views = this.pokedex.views;
    const items = rankMatches(views.moveNames[query.lang], query.name, query.limit).map((i) => views.moves[i]);
    return { query: query.name, lang: query.lang, items };
  }

  get(id: number): MoveDto {
    const move = this.pokedex.views.getMove(id);
    if (!move) throw ApiError.notFound(`no move with id ${id}`);
    return move;
  }

  byType(typeParam: string, pokemonId: number | undefined): MovesByTypeDto {
    const views = this.pokedex.views;
    const type = findType(views.snapshot, typeParam);
    if (!type) throw ApiError.notFound(`no type '${typeParam}'`, [{ field: 'type', message: `unknown type '${typeParam}'` }]);
    if (pokemonId !== undefined && !views.snapshot.getPokemon(pokemonId)) {
      throw ApiError.notFound(`no Pokémon with id ${pokemonId}`, [{ field: 'pokemon_id', message: `no Pokémon with id ${pokemonId}` }]);
    }
    return { type: typeRef(type), pokemon_id: pokemonId ?? null, items: views.movesOfType(type.id, pokemonId ?? null) };
  }
}
