import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiDown, error, fakeBff } from '../test/fake-bff';
import { BEST_MOVE, SIMULATION } from '../test/fixtures';
import { renderAt } from '../test/render';
import BattlePage from './battle-page';

async function pick(label: string, query: string, option: RegExp) {
  const box = await screen.findByRole('combobox', { name: label });
  fireEvent.focus(box);
  fireEvent.change(box, { target: { value: query } });
  const listbox = screen.getByRole('listbox', { name: `${label}: matches` });
  fireEvent.mouseDown(within(listbox).getByRole('option', { name: option }));
}

describe('Battle & prediction page', () => {
  it('goes from two picked Pokémon to ranked moves and an engine check', async () => {
    const calls = fakeBff({ 'POST /bff/predict/best-move': () => BEST_MOVE, 'POST /bff/predict/simulate': () => SIMULATION });
    renderAt('/battle', <BattlePage />);
    await pick('Pokémon A (yours)', 'pika', /Pikachu/);
    await pick('Pokémon B (opponent)', 'chari', /Charizard/);

    // Cards, heatmap, and A's learnable damaging moves (Thunder Wave is a status move: not offered).
    expect(await screen.findByRole('article', { name: 'A: Pikachu' })).toBeTruthy();
    expect(screen.getByRole('article', { name: 'B: Charizard' })).toBeTruthy();
    expect(await screen.findByRole('table', { name: 'Damage each attacking type does to A and B' })).toBeTruthy();
    const movesA = screen.getByRole('group', { name: 'A’s moves (Pikachu)' });
    expect(within(movesA).queryByRole('checkbox', { name: /Thunder Wave/ })).toBeNull();
    const boxes = within(movesA).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes).toHaveLength(5);
    // The strongest four are ticked by default: Hyper Beam 150, Thunder 110, Thunderbolt 90, Swift 60.
    expect(boxes.filter((b) => b.checked).map((b) => b.closest('label')?.querySelector('.move-name')?.textContent)).toEqual(['Hyper Beam', 'Thunder', 'Thunderbolt', 'Swift']);
    expect(within(movesA).getAllByText('STAB')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Predict the best move' }));
    const ranked = await screen.findByRole('table', { name: 'Pikachu’s moves against Charizard, best first' });
    const rows = within(ranked).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Thunderbolt');
    expect(rows[0].textContent).toContain('81.2%');
    expect(screen.getByText(/Best move for Pikachu:/).textContent).toContain('Thunderbolt');
    const request = calls.find((c) => c.path === '/bff/predict/best-move')!;
    expect(request.body).toEqual({ pokemon_a_id: 25, pokemon_b_id: 6, available_moves: [5, 8, 1, 6] });

    fireEvent.click(screen.getByRole('button', { name: 'Simulate 100 battles' }));
    expect(await screen.findByText('Engine: Pikachu won 77 of 100 battles')).toBeTruthy();
    expect(screen.getByText('The model agrees with the engine’s majority winner.')).toBeTruthy();
    expect(calls.find((c) => c.path === '/bff/predict/simulate')!.body).toEqual({ pokemon_a_id: 25, pokemon_b_id: 6, move_a: 1, move_b: 3, n_battles: 100 });
  });

  it('reports the real outcome of the prediction: a confirmation, the same answer acknowledged, another one refused (409) plainly', async () => {
    let recorded: string | undefined;
    const calls = fakeBff({
      'POST /bff/predict/best-move': () => BEST_MOVE,
      [`POST /bff/predictions/${BEST_MOVE.prediction_id}/feedback`]: ({ body }) => {
        const winner = (body as { winner: string }).winner;
        if (recorded && recorded !== winner) {
          return error(409, { statusCode: 409, error: 'Conflict', message: `the outcome of prediction x is already recorded as '${recorded}'`, details: [{ field: 'winner', message: `already recorded as '${recorded}'` }] });
        }
        const status = recorded ? 'already-recorded' : 'recorded';
        recorded = winner;
        return { prediction_id: BEST_MOVE.prediction_id, status, actual_winner: winner, feedback_at: '2026-01-04T00:00:00.000Z', model: BEST_MOVE.model, predicted_winner: 'A', model_was_right: winner === 'A' };
      },
    });
    renderAt('/battle?a=25&b=6', <BattlePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Predict the best move' }));
    const report = await screen.findByRole('region', { name: 'Report the real outcome' });
    expect(report.textContent).toContain('Pikachu used Thunderbolt, Charizard replied Flamethrower. Who won?');

    fireEvent.click(within(report).getByRole('button', { name: 'B won' }));
    expect((await within(report).findByRole('status')).textContent).toBe(
      'Thanks: recorded that B won (Charizard). The model had predicted A won (Pikachu): this outcome will count against it.',
    );
    expect(calls.filter((c) => c.path.endsWith('/feedback')).map((c) => c.body)).toEqual([{ winner: 'B' }]);
    expect(within(report).getByRole('button', { name: 'B won' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(within(report).getByRole('button', { name: 'B won' }));
    await waitFor(() => expect(within(report).getByRole('status').textContent).toMatch(/^Already recorded: B won \(Charizard\)\./));

    fireEvent.click(within(report).getByRole('button', { name: 'A won' }));
    expect((await within(report).findByRole('alert')).textContent).toBe(
      'Not recorded: the outcome of this prediction is already recorded as B won (Charizard), and a recorded outcome cannot be changed.',
    );
    expect(within(report).getByRole('button', { name: 'B won' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(report).getByRole('button', { name: 'A won' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('says when an outcome report fails for another reason, with a retry', async () => {
    let attempts = 0;
    fakeBff({
      'POST /bff/predict/best-move': () => BEST_MOVE,
      [`POST /bff/predictions/${BEST_MOVE.prediction_id}/feedback`]: () =>
        ++attempts === 1
          ? error(404, { statusCode: 404, error: 'Not Found', message: `no prediction with id ${BEST_MOVE.prediction_id}` })
          : { prediction_id: BEST_MOVE.prediction_id, status: 'recorded', actual_winner: 'A', feedback_at: '2026-01-04T00:00:00.000Z', model: BEST_MOVE.model, predicted_winner: 'A', model_was_right: true },
    });
    renderAt('/battle?a=25&b=6', <BattlePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Predict the best move' }));
    const report = await screen.findByRole('region', { name: 'Report the real outcome' });
    fireEvent.click(within(report).getByRole('button', { name: 'A won' }));
    expect((await within(report).findByRole('alert')).textContent).toContain(`Not recorded: no prediction with id ${BEST_MOVE.prediction_id}`);
    fireEvent.click(within(report).getByRole('button', { name: 'Retry' }));
    expect((await within(report).findByRole('status')).textContent).toBe('Thanks: recorded that A won (Pikachu). The model called it right.');
  });

  it('sends B’s moves in manual mode, and keeps the pair in the URL', async () => {
    const calls = fakeBff({ 'POST /bff/predict/best-move': () => BEST_MOVE });
    renderAt('/battle?a=25&b=6', <BattlePage />);
    fireEvent.click(await screen.findByRole('radio', { name: /Manual/ }));
    const movesB = screen.getByRole('group', { name: 'B’s moves (Charizard)' });
    fireEvent.click(within(movesB).getByRole('button', { name: 'None' }));
    fireEvent.click(within(movesB).getByRole('checkbox', { name: /Flamethrower/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Predict the best move' }));
    await screen.findByRole('table', { name: /best first/ });
    expect(calls.find((c) => c.path === '/bff/predict/best-move')!.body).toMatchObject({ available_moves_b: [3] });
  });

  it('cannot predict without a move for A', async () => {
    fakeBff();
    renderAt('/battle?a=25&b=6', <BattlePage />);
    const movesA = await screen.findByRole('group', { name: 'A’s moves (Pikachu)' });
    fireEvent.click(within(movesA).getByRole('button', { name: 'None' }));
    expect((screen.getByRole('button', { name: 'Predict the best move' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the api’s refusal of a prediction, and a missing model', async () => {
    fakeBff({
      'POST /bff/predict/best-move': () =>
        new Response(JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'no model is loaded yet' }), { status: 503, headers: { 'content-type': 'application/json' } }),
    });
    renderAt('/battle?a=25&b=6', <BattlePage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Predict the best move' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the prediction.');
    expect(alert.textContent).toContain('No model is loaded yet.');
  });

  it('says the service is unavailable when the api is down, instead of a blank page', async () => {
    apiDown();
    renderAt('/battle', <BattlePage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Service unavailable.');
    expect(alert.textContent).toContain('The prediction service is unreachable.');
    expect(screen.getByRole('heading', { level: 1, name: 'Battle & prediction' })).toBeTruthy();
  });

  it('supports the keyboard in the pickers', async () => {
    fakeBff();
    renderAt('/battle', <BattlePage />);
    const box = await screen.findByRole('combobox', { name: 'Pokémon A (yours)' });
    fireEvent.focus(box);
    fireEvent.change(box, { target: { value: 'a' } });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    await waitFor(() => expect(box.getAttribute('aria-activedescendant')).toBeTruthy());
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(await screen.findByRole('article', { name: /^A: / })).toBeTruthy();
  });
});
