import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { filterMoves, NO_FILTERS, sortMoves, topByPower } from '../lib/moves-filter';
import { fakeBff } from '../test/fake-bff';
import { MOVES } from '../test/fixtures';
import { renderAt } from '../test/render';
import MovesPage from './moves-page';

const names = (list: { name: string }[]) => list.map((m) => m.name);

describe('move filters', () => {
  it('filters by name, type, category and power band, together', () => {
    expect(names(filterMoves(MOVES, { ...NO_FILTERS, name: 'THUNDER' }))).toEqual(['Thunderbolt', 'Thunder Wave', 'Thunder']);
    expect(names(filterMoves(MOVES, { ...NO_FILTERS, type: 'Electric', category: 'special' }))).toEqual(['Thunderbolt', 'Thunder']);
    expect(names(filterMoves(MOVES, { ...NO_FILTERS, power: 'none' }))).toEqual(['Thunder Wave']);
    expect(names(filterMoves(MOVES, { ...NO_FILTERS, power: 'huge' }))).toEqual(['Hyper Beam']);
    expect(names(filterMoves(MOVES, { ...NO_FILTERS, power: 'medium' }))).toEqual(['Swift', 'Air Slash']);
  });

  it('sorts either way, with missing values last, and keeps the top by power', () => {
    expect(names(sortMoves(MOVES, { key: 'power', direction: 'descending' }))).toEqual(['Hyper Beam', 'Thunder', 'Flamethrower', 'Thunderbolt', 'Air Slash', 'Swift', 'Quick Attack', 'Thunder Wave']);
    expect(names(sortMoves(MOVES, { key: 'accuracy', direction: 'ascending' })).at(-1)).toBe('Swift');
    expect(names(sortMoves(MOVES, { key: 'priority', direction: 'descending' }))[0]).toBe('Quick Attack');
    expect(names(topByPower(MOVES, 3))).toEqual(['Hyper Beam', 'Thunder', 'Flamethrower']);
  });
});

describe('Moves page', () => {
  it('shows every move, filters, sorts by a column and keeps the top by power', async () => {
    fakeBff();
    renderAt('/moves', <MovesPage />);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(MOVES.length + 1);
    expect(screen.getByRole('status').textContent).toBe(`${MOVES.length} of ${MOVES.length} moves`);

    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'Electric' } });
    expect(screen.getByRole('status').textContent).toBe(`3 of ${MOVES.length} moves`);
    fireEvent.change(screen.getByRole('combobox', { name: 'Category' }), { target: { value: 'special' } });
    expect(screen.getByRole('status').textContent).toBe(`2 of ${MOVES.length} moves`);

    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    const power = screen.getByRole('button', { name: /^Power/ });
    fireEvent.click(power);
    expect(power.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(within(table).getAllByRole('row')[1].textContent).toContain('Hyper Beam');
    fireEvent.click(power);
    expect(power.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    expect(within(table).getAllByRole('row')[1].textContent).toContain('Quick Attack');

    fireEvent.click(screen.getByRole('checkbox', { name: /Only the top/ }));
    fireEvent.change(screen.getByRole('spinbutton', { name: 'How many moves in the top by power' }), { target: { value: '2' } });
    expect(screen.getByRole('status').textContent).toBe(`2 of ${MOVES.length} moves`);
  });
});
