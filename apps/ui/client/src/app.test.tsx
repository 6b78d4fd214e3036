import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App, NAV } from './app';
import { fakeBff } from './test/fake-bff';

describe('App shell', () => {
  it('has a skip link, a labelled main navigation and redirects / to the battle page', async () => {
    fakeBff();
    render(
      <MemoryRouter initialEntries={['/']}>
        <App />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#main');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(NAV.map((n) => n.label));
    expect(await screen.findByRole('heading', { level: 1, name: 'Battle & prediction' })).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Battle' }).getAttribute('aria-current')).toBe('page');
  });

  it('answers an unknown path with a page, not a blank screen', async () => {
    render(
      <MemoryRouter initialEntries={['/nowhere']}>
        <App />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
