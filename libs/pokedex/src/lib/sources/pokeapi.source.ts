import type { DraftMove, DraftPokemon, PokedexDraft } from '../pokedex-draft';
import type { PokedexSource } from './pokedex-source';
import { HttpFetcher, HttpFetcherOptions, HttpStatusError, UnreachableError } from './http-fetcher';

interface NamedResource {
  names?: { name: string; language: { name: string } }[];
}
interface PokeApiPokemon {
  height?: number;
  weight?: number;
  sprites?: { front_default?: string | null };
}

/** PokéAPI's resource name for a Showdown form: 'Raichu-Alola' -> 'raichu-alola', "Farfetch’d" -> 'farfetchd'. */
export function pokeApiName(showdownName: string): string {
  return showdownName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.:]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function frenchName(resource: NamedResource): string | null {
  return resource.names?.find((n) => n.language.name === 'fr')?.name ?? null;
}

/** French names of forms, built from the species' French name the way the French games write them. */
export function frenchFormName(p: DraftPokemon, speciesFr: string): string {
  switch (p.form) {
    case 'alola':
      return `${speciesFr} d'Alola`;
    case 'partner':
      return `${speciesFr} partenaire`;
    case 'mega':
      return `Méga-${speciesFr}${p.formeLabel.endsWith('-X') ? ' X' : p.formeLabel.endsWith('-Y') ? ' Y' : ''}`;
    default:
      return speciesFr;
  }
}

/**
 * Optional enrichment from PokéAPI: sprites, sizes and French names. It never fails the run: when the
 * service is unreachable it stops at the first network failure (instead of timing out on every one
 * of ~600 requests), records a warning and leaves the fields as they were.
 */
export class PokeApiSource implements PokedexSource {
  readonly name = 'pokeapi';
  private readonly fetcher: HttpFetcher;
  private unreachable: string | null = null;
  private readonly missing: string[] = [];

  constructor(
    private readonly baseUrl: string,
    options: HttpFetcherOptions,
  ) {
    this.fetcher = new HttpFetcher(options);
  }

  async apply(draft: PokedexDraft): Promise<void> {
    const base = this.baseUrl.replace(/\/+$/, '');
    draft.sourceVersions['pokeapi'] = base;
    const speciesFr = new Map<string, string | null>();
    await Promise.all(
      [...new Set(draft.pokemon.map((p) => p.baseSpecies))].map(async (species) => {
        const p = draft.pokemon.find((x) => x.showdownId === species);
        const res = await this.get<NamedResource>(`${base}/pokemon-species/${pokeApiName(p?.name ?? species)}`);
        speciesFr.set(species, res ? frenchName(res) : null);
      }),
    );
    await Promise.all(draft.pokemon.map((p) => this.enrichPokemon(base, p, speciesFr.get(p.baseSpecies) ?? null)));
    await Promise.all(draft.moves.map((m) => this.enrichMove(base, m)));
    if (this.unreachable) draft.warnings.push(`pokeapi: enrichment skipped, ${this.unreachable}`);
    if (this.missing.length) draft.warnings.push(`pokeapi: ${this.missing.length} resources not found (${this.missing.slice(0, 5).join(', ')}${this.missing.length > 5 ? ', ...' : ''})`);
  }

  private async enrichPokemon(base: string, p: DraftPokemon, speciesFr: string | null): Promise<void> {
    const res = await this.get<PokeApiPokemon>(`${base}/pokemon/${pokeApiName(p.name)}`);
    if (speciesFr) p.nameFr = frenchFormName(p, speciesFr);
    if (!res) return;
    p.spriteUrl = res.sprites?.front_default ?? p.spriteUrl;
    // PokéAPI gives decimetres and hectograms.
    if (p.heightM === null && typeof res.height === 'number') p.heightM = res.height / 10;
    if (p.weightKg === null && typeof res.weight === 'number') p.weightKg = res.weight / 10;
  }

  private async enrichMove(base: string, m: DraftMove): Promise<void> {
    const res = await this.get<NamedResource>(`${base}/move/${pokeApiName(m.name)}`);
    if (res) m.nameFr = frenchName(res) ?? m.nameFr;
  }

  private async get<T>(url: string): Promise<T | null> {
    if (this.unreachable) return null;
    try {
      return await this.fetcher.getJson<T>(url);
    } catch (e) {
      if (e instanceof HttpStatusError && e.status === 404) this.missing.push(url.slice(url.lastIndexOf('/', url.lastIndexOf('/') - 1) + 1));
      else this.unreachable ??= e instanceof UnreachableError || e instanceof HttpStatusError ? e.message : String(e);
      return null;
    }
  }
}
