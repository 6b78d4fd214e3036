import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildChart, summarise } from '../lib/type-chart';
import { TYPE_NAMES } from '../lib/types';
import { apiDown, fakeBff } from '../test/fake-bff';
import { AFFINITIES } from '../test/fixtures';
import { renderAt } from '../test/render';
import TypesPage from './types-page';

describe('type chart', () => {
  it('summarises a type attacking and defending', () => {
    const s = summarise(buildChart(AFFINITIES), 'Electric', TYPE_NAMES);
    expect(s.superEffective).toEqual(['Flying', 'Water']);
    expect(s.noEffect).toEqual(['Ground']);
    expect(s.weakTo).toEqual(['Ground']);
  });
});

describe('Types & affinities page', () => {
  it('draws the 18x18 matrix and the chosen type’s lists', async () => {
    fakeBff();
    renderAt('/types', <TypesPage />);
    const matrix = await screen.findByRole('table', { name: /Attacking type \(row\)/ });
    const rows = within(matrix).getAllByRole('row');
    expect(rows).toHaveLength(19);
    expect(within(rows[1]).getAllByRole('cell')).toHaveLength(18);
    expect(within(matrix).getByTitle('Fire → Grass: 2× (super effective)').textContent).toBe('2×');

    fireEvent.click(within(matrix).getByRole('button', { name: 'Electric' }));
    expect(within(matrix).getByRole('button', { name: 'Electric' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Electric attacking' })).toBeTruthy();
    const attacking = screen.getByRole('heading', { name: 'Electric attacking' }).parentElement!;
    expect(attacking.textContent).toContain('Super effective (2×) againstFlyingWater');
    expect(attacking.textContent).toContain('No effect (0×) onGround');
  });

  it('says so when the api is down', async () => {
    apiDown();
    renderAt('/types', <TypesPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('Service unavailable.');
  });
});
