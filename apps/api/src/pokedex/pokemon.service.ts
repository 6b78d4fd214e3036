import { Injectable } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { LearnsetDto, ListPokemonQueryDto, PokemonDto, PokemonPageDto, PokemonSearchDto, SearchQueryDto, TypeAffinityDto, WeaknessesDto } from './dto/pokemon.dto';
import { PokedexService } from './pokedex.service';
import { rankMatches, typeRef } from './pokedex-views';
import { findType } from './type-lookup';

@Injectable()
export class PokemonService {
  constructor(private readonly pokedex: PokedexService) {}

  list(query: ListPokemonQueryDto): PokemonPageDto {
    const views = this.pokedex.views;
    let typeId: number | undefined;
    if (query.type !== undefined) {
      const type = findType(views.snapshot, query.type);
      if (!type) throw ApiError.badRequest(`unknown type '${query.type}'`, [{ field: 'type', message: `unknown type '${query.type}'` }]);
      typeId = type.id;
    }
    const name = query.name?.toLowerCase();
    const matches = views.pokemon.filter(
      (p) =>
        (typeId === undefined || p.types.some((t) => t.id === typeId)) &&
        (query.form === undefined || p.form === query.form) &&
        (name === undefined || p.name.toLowerCase().includes(name)),
    );
    return { items: matches.slice(query.offset, query.offset + query.limit), total: matches.length, limit: query.limit, offset: query.offset };
  }

  search(query: SearchQueryDto): PokemonSearchDto {
    const views = this.pokedex.views;
    const items = rankMatches(views.pokemonNames[query.lang], query.name, query.limit).map((i) => views.pokemon[i]);
    return { query: query.name, lang: query.lang, items };
  }

  get(id: number): PokemonDto {
    const pokemon = this.pokedex.views.getPokemon(id);
    if (!pokemon) throw ApiError.notFound(`no Pokémon with id ${id}`);
    return pokemon;
  }

  weaknesses(id: number): WeaknessesDto {
    const pokemon = this.get(id);
    const snapshot = this.pokedex.snapshot;
    const defending = pokemon.types.map((t) => t.id);
    const affinities: TypeAffinityDto[] = snapshot.types
      .map((t) => ({ type: typeRef(t), multiplier: snapshot.multiplier(t.id, defending) }))
      .sort((x, y) => y.multiplier - x.multiplier || x.type.id - y.type.id);
    return {
      pokemon,
      affinities,
      weaknesses: affinities.filter((a) => a.multiplier > 1),
      resistances: affinities.filter((a) => a.multiplier > 0 && a.multiplier < 1),
      immunities: affinities.filter((a) => a.multiplier === 0),
    };
  }

  learnset(id: number): LearnsetDto {
    this.get(id);
    return { pokemon_id: id, items: this.pokedex.views.learnset(id) };
  }
}
