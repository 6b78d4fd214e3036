import { lazy, Suspense, useEffect, useRef } from 'react';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { Loading } from './components/status';

// Every page is its own chunk: the first load carries only the shell, the router and React.
const BattlePage = lazy(() => import('./pages/battle-page'));
const MovesPage = lazy(() => import('./pages/moves-page'));
const PokemonListPage = lazy(() => import('./pages/pokemon-list-page'));
const PokemonDetailPage = lazy(() => import('./pages/pokemon-detail-page'));
const TypesPage = lazy(() => import('./pages/types-page'));
const QuizPage = lazy(() => import('./pages/quiz-page'));
const ModelPage = lazy(() => import('./pages/model-page'));
const PipelinePage = lazy(() => import('./pages/pipeline-page'));
const DriftPage = lazy(() => import('./pages/drift-page'));
const AboutPage = lazy(() => import('./pages/about-page'));

export const NAV = [
  { to: '/battle', label: 'Battle' },
  { to: '/pokemon', label: 'Pokémon' },
  { to: '/moves', label: 'Moves' },
  { to: '/types', label: 'Types' },
  { to: '/quiz', label: 'Type quiz' },
  { to: '/model', label: 'Model' },
  { to: '/drift', label: 'Data drift' },
  { to: '/pipeline', label: 'Pipeline' },
  { to: '/about', label: 'About' },
] as const;

/** Moves focus to the page heading after a client-side navigation, as a full page load would. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [location.pathname]);
}

export function App() {
  useFocusOnNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <NavLink to="/battle" className="brand" aria-label="PredictionDex home">
          <span className="brand-ball" aria-hidden="true" />
          PredictionDex
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>{n.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the page" />}>
          <Routes>
            <Route path="/" element={<Navigate to="/battle" replace />} />
            <Route path="/battle" element={<BattlePage />} />
            <Route path="/moves" element={<MovesPage />} />
            <Route path="/pokemon" element={<PokemonListPage />} />
            <Route path="/pokemon/:id" element={<PokemonDetailPage />} />
            <Route path="/types" element={<TypesPage />} />
            <Route path="/quiz" element={<QuizPage />} />
            <Route path="/model" element={<ModelPage />} />
            <Route path="/drift" element={<DriftPage />} />
            <Route path="/pipeline" element={<PipelinePage />} />
            <Route path="/about" element={<AboutPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>
          PredictionDex {__APP_VERSION__} · Pokémon and its names are trademarks of Nintendo, Game Freak and Creatures; this is a fan project.
        </p>
      </footer>
    </>
  );
}

function NotFound() {
  const location = useLocation();
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at {location.pathname}.</p>
      <p>
        <NavLink to="/battle">Go to the battle page</NavLink>
      </p>
    </section>
  );
}
