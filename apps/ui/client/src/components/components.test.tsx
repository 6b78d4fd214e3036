import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BffRequestError } from '../api/bff-client';
import { ALL_POKEMON, BULBASAUR, CHARIZARD, PIKACHU, weaknessesOf } from '../test/fixtures';
import { Bar, ProbabilityBar } from './bar';
import { initials, PokemonSprite } from './pokemon-sprite';
import { searchPokemon } from './pokemon-picker';
import { StatBars } from './stat-bars';
import { ErrorMessage } from './status';
import { WeaknessHeatmap } from './weakness-heatmap';

describe('PokemonSprite', () => {
  it('shows the sprite, then a type-coloured placeholder when it cannot load', () => {
    render(<PokemonSprite pokemon={PIKACHU} />);
    const img = screen.getByRole('img', { name: 'Pikachu' });
    expect(img.getAttribute('src')).toBe(PIKACHU.sprite_url);
    fireEvent.error(img);
    const placeholder = screen.getByRole('img', { name: 'Pikachu (no sprite)' });
    expect(placeholder.className).toContain('type-electric');
    expect(placeholder.textContent).toBe('PI');
  });

  it('shows the placeholder when there is no sprite, or the URL is not http(s)', () => {
    render(<PokemonSprite pokemon={CHARIZARD} />);
    expect(screen.getByRole('img', { name: 'Charizard (no sprite)' }).className).toContain('type-fire');
    render(<PokemonSprite pokemon={{ ...BULBASAUR, sprite_url: 'javascript:alert(1)' }} />);
    expect(screen.getByRole('img', { name: 'Bulbasaur (no sprite)' }).className).toContain('type-grass');
    expect(document.querySelector('img[src^="javascript"]')).toBeNull();
  });

  it('makes initials from one or two words', () => {
    expect(initials('Mr. Mime')).toBe('MM');
    expect(initials('Charizard-Mega-X')).toBe('CM');
    expect(initials('Mew')).toBe('ME');
  });
});

describe('bars and stats', () => {
  it('draws the bar to scale with its value as text', () => {
    const { container } = render(<Bar value={51} max={255} label="HP" />);
    expect((container.querySelector('.bar-fill') as HTMLElement).style.width).toBe('20%');
    expect(container.textContent).toBe('51');
  });

  it('shows win probabilities as percentages, green when A is favoured', () => {
    const { container } = render(<ProbabilityBar p={0.8125} label="x" />);
    expect(container.textContent).toBe('81.3%');
    expect(container.querySelector('.bar-fill')?.className).toContain('good');
  });

  it('lists the six stats and the total', () => {
    render(<StatBars stats={CHARIZARD.stats} caption="Base stats" />);
    expect(screen.getAllByRole('row')).toHaveLength(7);
    expect(screen.getByRole('row', { name: /Total 534/ })).toBeTruthy();
  });
});

describe('WeaknessHeatmap', () => {
  it('has a column for each of the 18 types and a row per Pokémon, with the multipliers', () => {
    render(
      <WeaknessHeatmap
        caption="Damage"
        rows={[
          { label: 'A: Pikachu', affinities: weaknessesOf(PIKACHU).affinities },
          { label: 'B: Charizard', affinities: weaknessesOf(CHARIZARD).affinities },
        ]}
      />,
    );
    expect(screen.getAllByRole('columnheader')).toHaveLength(19);
    expect(screen.getByLabelText('Ground on A: Pikachu: 2×')).toBeTruthy();
    expect(screen.getByLabelText('Rock on B: Charizard: 2×').className).toContain('mult-2');
    expect(screen.getByLabelText('Electric on B: Charizard: 2×')).toBeTruthy();
    expect(screen.getByLabelText('Fire on A: Pikachu: 1×').textContent).toBe('');
  });
});

describe('ErrorMessage', () => {
  it('says the service is unavailable on an outage, and offers a retry', () => {
    let retried = false;
    render(<ErrorMessage error={new BffRequestError(503, 'the prediction service is unreachable')} what="the Pokédex" onRetry={() => (retried = true)} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Service unavailable.');
    expect(alert.textContent).toContain('The prediction service is unreachable.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(retried).toBe(true);
  });

  it('lists validation details of a refused request', () => {
    render(<ErrorMessage error={new BffRequestError(400, 'invalid request body', [{ field: 'available_moves', message: 'required' }])} what="the prediction" />);
    expect(screen.getByRole('alert').textContent).toContain('Could not load the prediction.');
    expect(screen.getByRole('listitem').textContent).toBe('available_moves: required');
  });

  it('does not call a 503 of the api itself (no model yet) an outage', () => {
    expect(new BffRequestError(503, 'no model is loaded yet').isOutage).toBe(false);
    expect(new BffRequestError(503, 'the model registry is unreachable').isOutage).toBe(true);
    expect(new BffRequestError(0, 'x').isOutage).toBe(true);
  });
});

describe('searchPokemon', () => {
  it('ranks exact names, then prefixes, then substrings; also by number and ignoring accents', () => {
    const all = [...ALL_POKEMON, { ...PIKACHU, id: 99, name: 'Raichu', dex_number: 26 }];
    expect(searchPokemon(all, 'chu').map((p) => p.name)).toEqual(['Pikachu', 'Raichu']);
    expect(searchPokemon(all, 'RAI').map((p) => p.name)).toEqual(['Raichu']);
    expect(searchPokemon(all, '6').map((p) => p.name)).toEqual(['Charizard']);
    expect(searchPokemon([{ ...BULBASAUR, name_fr: 'Bulbizarre' }], 'bulbizarré').map((p) => p.name)).toEqual(['Bulbasaur']);
    expect(searchPokemon(all, 'zzz')).toEqual([]);
  });
});
