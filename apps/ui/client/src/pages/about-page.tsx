import { version as reactVersion } from 'react';
import type { AboutResponse, EtlRunsResponse } from '@bff-contract';
import { api, getBff, unwrap } from '../api/bff-client';
import { ErrorMessage, Loading } from '../components/status';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';

export interface LiveCounts {
  pokemon: number;
  forms: Record<string, number>;
  moves: number;
  movesWithPower: number;
  types: number;
  chartCells: number;
}

const FORMS = ['base', 'alola', 'mega', 'partner'] as const;

/** Counted live from the api (no figure is written in the page). */
export async function liveCounts(): Promise<LiveCounts> {
  const [pokemon, moves, withPower, types, chart, ...forms] = await Promise.all([
    api.GET('/pokemon', { params: { query: { limit: 1 } } }).then(unwrap),
    api.GET('/moves', { params: { query: { limit: 1 } } }).then(unwrap),
    api.GET('/moves', { params: { query: { limit: 1, min_power: 0 } } }).then(unwrap),
    api.GET('/types').then(unwrap),
    api.GET('/types/affinities').then(unwrap),
    ...FORMS.map((form) => api.GET('/pokemon', { params: { query: { limit: 1, form } } }).then(unwrap)),
  ]);
  return {
    pokemon: pokemon.total,
    forms: Object.fromEntries(FORMS.map((f, i) => [f, forms[i].total])),
    moves: moves.total,
    movesWithPower: withPower.total,
    types: types.items.length,
    chartCells: chart.items.length,
  };
}

export default function AboutPage() {
  useTitle('About');
  const counts = useAsync(liveCounts, []);
  const about = useAsync(() => getBff<AboutResponse>('/about'), []);
  const etl = useAsync(() => getBff<EtlRunsResponse>('/pipeline/etl-runs'), []);
  const model = useAsync(async () => unwrap(await api.GET('/predict/model-info')), []);
  const loaded = etl.data?.items.find((r) => r.status === 'succeeded');
  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">About PredictionDex</h1>
      <p className="lead">
        PredictionDex predicts who wins a Pokémon Let’s Go 1v1 battle and which move to use. The labels it learns from are real battles played by Pokémon
        Showdown’s engine, not a formula.
      </p>
      <h2>In the Pokédex now</h2>
      {counts.status === 'loading' && <Loading what="live counts" />}
      {counts.status === 'error' && <ErrorMessage error={counts.error} what="the live counts" onRetry={counts.reload} />}
      {counts.status === 'success' && (
        <dl className="facts counts">
          <div>
            <dt>Pokémon</dt>
            <dd data-testid="count-pokemon">{counts.data.pokemon}</dd>
          </div>
          <div>
            <dt>Forms</dt>
            <dd>
              {counts.data.forms['base']} base, {counts.data.forms['alola']} Alolan, {counts.data.forms['mega']} Mega, {counts.data.forms['partner']} partner
            </dd>
          </div>
          <div>
            <dt>Moves</dt>
            <dd data-testid="count-moves">
              {counts.data.moves} ({counts.data.movesWithPower} with a base power)
            </dd>
          </div>
          <div>
            <dt>Types</dt>
            <dd>{counts.data.types}</dd>
          </div>
          <div>
            <dt>Type chart</dt>
            <dd>{counts.data.chartCells} matchups</dd>
          </div>
        </dl>
      )}
      <h2>Data sources</h2>
      <ul>
        <li>
          <a href="https://github.com/pkmn/ps" rel="noreferrer noopener">
            Pokémon Showdown
          </a>{' '}
          data and battle engine as published on npm (@pkmn/sim, @pkmn/dex, @pkmn/mods with the gen7letsgo rules), MIT licence: Pokédex, moves, learnsets,
          type chart, and every simulated battle.
        </li>
        <li>
          <a href="https://pokeapi.co" rel="noreferrer noopener">
            PokéAPI
          </a>{' '}
          (optional enrichment): sprites, heights, weights, French names.
        </li>
        <li>The Python “Let’s Go PredictionDex” project, whose features this re-implements.</li>
      </ul>
      {etl.status === 'error' && <ErrorMessage error={etl.error} what="the loaded data's versions" />}
      {loaded && (
        <table className="data">
          <caption>Sources of the Pokédex loaded by ETL run #{loaded.id}</caption>
          <tbody>
            {Object.entries(loaded.source_versions).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>
                  <code>{v}</code>
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">dex fingerprint</th>
              <td>
                <code>{loaded.dex_fingerprint ?? '—'}</code>
              </td>
            </tr>
          </tbody>
        </table>
      )}
      <h2>Versions</h2>
      <dl className="facts">
        <div>
          <dt>PredictionDex ui</dt>
          <dd>{__APP_VERSION__}</dd>
        </div>
        <div>
          <dt>React</dt>
          <dd>{reactVersion}</dd>
        </div>
        <div>
          <dt>BFF (Node.js)</dt>
          <dd>{about.data?.ui.node ?? '…'}</dd>
        </div>
        <div>
          <dt>API</dt>
          <dd>{about.status === 'success' ? (about.data.api.version ? `${about.data.api.title ?? 'api'} ${about.data.api.version}` : 'unreachable') : '…'}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>{model.status === 'success' ? `${model.data.name} v${model.data.version} (${model.data.alias})` : model.status === 'error' ? 'none serving' : '…'}</dd>
        </div>
      </dl>
      {about.status === 'error' && <ErrorMessage error={about.error} what="the versions" onRetry={about.reload} />}
      <h2>Credits</h2>
      <p>
        Battle engine and data: the Pokémon Showdown contributors and pkmn.cc. Model: XGBoost. Pokémon and its names are trademarks of Nintendo, Game Freak
        and Creatures; this is a non-commercial fan project.
      </p>
    </section>
  );
}
