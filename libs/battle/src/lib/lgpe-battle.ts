import { Battle } from '@pkmn/sim';
import { ensureLgpeFormat } from './lgpe-format';

type Effect = Parameters<Battle['getCallback']>[1];

const handlerNames = new WeakMap<object, ReadonlySet<string>>();

/** Names of every `on…` property an effect has, own or inherited, enumerable or not. */
function handlerNamesOf(effect: object): ReadonlySet<string> {
  let names = handlerNames.get(effect);
  if (!names) {
    const found = new Set<string>();
    for (let o: object | null = effect; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const key of Object.getOwnPropertyNames(o)) if (key.startsWith('on')) found.add(key);
    }
    names = found;
    handlerNames.set(effect, names);
  }
  return names;
}

/**
 * A Battle whose event-handler lookup answers "this effect has no such handler" from a per-effect
 * set of handler names instead of a property read. The engine asks ~10,000 such questions per battle
 * and almost all answers are "no"; V8 serves those misses slowly (megamorphic keys built per event),
 * which made the lookup ~30-40 % of a battle's time. Hits still go through the engine's own
 * getCallback, so behaviour is unchanged as long as dex effects gain no handlers mid-battle (they do
 * not; a spec runs battles with and without it and compares logs).
 */
class LgpeBattle extends Battle {
  override getCallback(target: Parameters<Battle['getCallback']>[0], effect: Effect, callbackName: string): ReturnType<Battle['getCallback']> {
    // onSwitchIn may fall back to onStart inside the engine's own getCallback.
    if (callbackName !== 'onSwitchIn' && !handlerNamesOf(effect).has(callbackName)) return undefined;
    return super.getCallback(target, effect, callbackName);
  }
}

export interface CreateLgpeBattleOptions {
  /** Use the handler-name cache (default true); off gives the unmodified engine for comparison. */
  handlerCache?: boolean;
}

/** A fresh, unstarted battle in the LGPE 1v1 format. */
export function createLgpeBattle(seed: string, options: CreateLgpeBattleOptions = {}): Battle {
  const BattleClass = options.handlerCache === false ? Battle : LgpeBattle;
  return new BattleClass({ formatid: ensureLgpeFormat(), seed: seed as ConstructorParameters<typeof Battle>[0]['seed'] });
}
