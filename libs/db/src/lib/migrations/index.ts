import { PokedexSchema1732400000000 } from './1732400000000-pokedex-schema';

/** Applied in this order by `npm run migrate`; listed explicitly so bundled apps carry them. */
export const MIGRATIONS = [PokedexSchema1732400000000];
