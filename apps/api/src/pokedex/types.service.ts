import { Injectable } from '@nestjs/common';
import { DexType } from '@predictiondex/prediction';
import { ApiError } from '../common/api-error';
import { AffinitiesQueryDto } from './dto/affinities.dto';
import { PokemonTypeListDto } from './dto/pokemon.dto';
import { AffinityDto, AffinityListDto, TypeListDto } from './dto/type.dto';
import { PokedexService } from './pokedex.service';
import { typeRef } from './pokedex-views';
import { findType } from './type-lookup';

@Injectable()
export class TypesService {
  constructor(private readonly pokedex: PokedexService) {}

  list(): TypeListDto {
    return { items: [...this.pokedex.views.types] };
  }

  /**
   * The type chart, whole or filtered: one attacking type (a row), defending type(s) (a column, or
   * one cell; two defending types give the dual-type product). An unknown type is a 404 naming it.
   */
  affinities(query: AffinitiesQueryDto): AffinityListDto {
    const snapshot = this.pokedex.snapshot;
    const lookup = (field: string, value: string): DexType => {
      const type = findType(snapshot, value);
      if (!type) throw ApiError.notFound(`no type '${value}'`, [{ field, message: `unknown type '${value}'` }]);
      return type;
    };
    const attacking = query.attacking !== undefined ? [lookup('attacking', query.attacking)] : snapshot.types;
    const defending: DexType[][] =
      query.defending !== undefined ? [query.defending.map((d) => lookup('defending', d))] : snapshot.types.map((t) => [t]);
    if (defending[0]?.length === 2 && defending[0][0].id === defending[0][1].id) {
      throw ApiError.badRequest('defending names the same type twice', [{ field: 'defending', message: 'two different types expected for a dual type' }]);
    }
    const items: AffinityDto[] = [];
    for (const a of attacking) {
      for (const d of defending) {
        items.push({
          attacking: typeRef(a),
          defending: d.map(typeRef),
          multiplier: snapshot.multiplier(
            a.id,
            d.map((t) => t.id),
          ),
        });
      }
    }
    return { items };
  }

  pokemonOfType(typeParam: string): PokemonTypeListDto {
    const views = this.pokedex.views;
    const type = findType(views.snapshot, typeParam);
    if (!type) throw ApiError.notFound(`no type '${typeParam}'`, [{ field: 'id', message: `unknown type '${typeParam}'` }]);
    return { type: typeRef(type), items: views.pokemon.filter((p) => p.types.some((t) => t.id === type.id)) };
  }
}
