import type { DraftPokemon } from '../pokedex-draft';
import { frenchFormName, pokeApiName } from './pokeapi.source';
import { toId } from '../to-id';

describe('PokéAPI names', () => {
  it.each([
    ['Raichu-Alola', 'raichu-alola'],
    ['Charizard-Mega-X', 'charizard-mega-x'],
    ['Mr. Mime', 'mr-mime'],
    ["Farfetch’d", 'farfetchd'],
    ['Nidoran-F', 'nidoran-f'],
    ['Pikachu-Starter', 'pikachu-starter'],
    ['Double Iron Bash', 'double-iron-bash'],
  ])('%s -> %s', (name, expected) => expect(pokeApiName(name)).toBe(expected));

  it('builds French form names', () => {
    const form = (f: DraftPokemon['form'], label = '') => ({ form: f, formeLabel: label }) as DraftPokemon;
    expect(frenchFormName(form('alola', 'Alola'), 'Raichu')).toBe("Raichu d'Alola");
    expect(frenchFormName(form('mega', 'Mega-Y'), 'Dracaufeu')).toBe('Méga-Dracaufeu Y');
    expect(frenchFormName(form('mega', 'Mega'), 'Ectoplasma')).toBe('Méga-Ectoplasma');
    expect(frenchFormName(form('partner', 'Starter'), 'Évoli')).toBe('Évoli partenaire');
  });

  it('normalises ids like Showdown', () => {
    expect(toId('Mr. Mime')).toBe('mrmime');
    expect(toId('Salamèche')).toBe('salameche');
  });
});
