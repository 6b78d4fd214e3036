import { types } from 'node:util';

interface Release {
  handle: object;
  release: (handle: object) => void;
}

const stats = { live: 0, releasedByFinalizer: 0 };

// Safety net only: finalizers run late (or never, at exit) and native memory does not pressure the
// JS GC, so a forgotten free() can still exhaust RAM long before the registry notices.
const registry = new FinalizationRegistry<Release>(({ handle, release }) => {
  stats.live--;
  stats.releasedByFinalizer++;
  try {
    release(handle);
  } catch {
    // Nothing sensible to do with a failure while collecting garbage.
  }
});

/** Counters for spotting leaks: handles alive now, and handles that were only freed by GC. */
export function xgboostHandleStats(): { live: number; releasedByFinalizer: number } {
  return { ...stats };
}

/** A libxgboost handle owned by one JS object: freed exactly once, never used after free. */
export class OwnedHandle<H extends object> {
  #handle: H | null;

  constructor(
    owner: object,
    handle: H,
    private readonly release: (handle: H) => void,
    private readonly kind: string,
  ) {
    this.#handle = handle;
    stats.live++;
    // The held value must not reference `owner`, or the owner could never be collected.
    registry.register(owner, { handle, release: release as (handle: object) => void }, this);
  }

  /** The live handle; throws rather than hand a dangling pointer to C. */
  get(): H {
    if (this.#handle === null) throw new Error(`${this.kind} has already been freed`);
    return this.#handle;
  }

  get isFreed(): boolean {
    return this.#handle === null;
  }

  free(): void {
    const handle = this.#handle;
    if (handle === null) return;
    this.#handle = null;
    stats.live--;
    registry.unregister(this);
    this.release(handle);
  }
}

/**
 * Runs `fn` with a freshly created resource and frees it afterwards, also when `fn` throws or its
 * promise rejects — the explicit-free pattern the rest of the API is built around.
 */
export function using<R extends { free(): void }, T>(resource: R, fn: (resource: R) => T): T {
  let result: T;
  try {
    result = fn(resource);
  } catch (error) {
    resource.free();
    throw error;
  }
  if (types.isPromise(result)) {
    return result.finally(() => resource.free()) as T;
  }
  resource.free();
  return result;
}
