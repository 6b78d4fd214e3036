import { DexType, PokedexSnapshot } from '@predictiondex/prediction';

/** A type by id ("13") or English name ("electric"); undefined when there is no such type. */
export function findType(snapshot: PokedexSnapshot, value: string): DexType | undefined {
  const text = value.trim();
  if (/^\d{1,3}$/.test(text)) return snapshot.getType(Number(text));
  return snapshot.findType(text);
}
