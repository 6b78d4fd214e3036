import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';

/** Renders `element` at `url` inside a router (`route` is its path pattern, e.g. /pokemon/:id). */
export function renderAt(url: string, element: ReactElement, route = url.split('?')[0]) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path={route} element={element} />
        <Route path="*" element={<p>elsewhere</p>} />
      </Routes>
    </MemoryRouter>,
  );
}
