import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { statRank } from '../lib/stat-rank';
import { fakeBff } from '../test/fake-bff';
import { ALL_POKEMON, BULBASAUR, CHARIZARD, PIKACHU } from '../test/fixtures';
import { renderAt } from '../test/render';
import PokemonDetailPage from './pokemon-detail-page';
import PokemonListPage from './pokemon-list-page';

describe('Pokémon details', () => {
  it('ranks a stat among all Pokémon (ties share a rank)', () => {
    expect(statRank(ALL_POKEMON, CHARIZARD, 'total')).toBe(1);
    expect(statRank(ALL_POKEMON, PIKACHU, 'total')).toBe(2);
    expect(statRank(ALL_POKEMON, BULBASAUR, 'total')).toBe(3);
  });

  it('shows stats with total and rank, weaknesses, and the learnset with filters and STAB marks', async () => {
    fakeBff();
    renderAt('/pokemon/25', <PokemonDetailPage />, '/pokemon/:id');
    expect(await screen.findByRole('heading', { level: 1, name: 'Pikachu' })).toBeTruthy();
    expect(screen.getByText(/^Total/, { selector: 'p' }).textContent).toBe('Total 320, rank 2 of 3.');
    expect(screen.getByText('Takes 2×').nextElementSibling?.textContent).toBe('Ground');
    const learnset = screen.getByRole('table', { name: 'Moves Pikachu can learn' });
    expect(within(learnset).getAllByRole('row')).toHaveLength(7);
    const thunderbolt = within(learnset).getByRole('row', { name: /Thunderbolt/ });
    expect(thunderbolt.textContent).toContain('STAB');
    expect(thunderbolt.textContent).toContain('TM');
    expect(within(learnset).getByRole('row', { name: /Thunder Wave/ }).textContent).not.toContain('STAB');
    expect(within(learnset).getByRole('row', { name: /Hyper Beam/ }).textContent).toContain('Level 15 (as Bulbasaur)');

    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'status' } });
    expect(within(learnset).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'How learnt' }), { target: { value: 'tm' } });
    expect(within(learnset).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByRole('combobox', { name: 'How learnt' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'Normal' } });
    expect(within(learnset).getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('link', { name: 'Battle with Pikachu' }).getAttribute('href')).toBe('/battle?a=25');
  });

  it('says when the id matches no Pokémon', async () => {
    fakeBff();
    renderAt('/pokemon/999', <PokemonDetailPage />, '/pokemon/:id');
    expect((await screen.findByRole('alert')).textContent).toContain('There is no Pokémon with id 999.');
  });

  it('lists every Pokémon with links to their page, filtered by type', async () => {
    fakeBff();
    renderAt('/pokemon', <PokemonListPage />);
    expect((await screen.findAllByRole('link')).map((a) => a.getAttribute('href'))).toEqual(['/pokemon/1', '/pokemon/6', '/pokemon/25']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'Flying' } });
    expect(screen.getAllByRole('link').map((a) => a.textContent)).toEqual([expect.stringContaining('Charizard')]);
  });
});
