/** Something holding native memory that must be released exactly once (BattleModel). */
export interface Freeable {
  free(): void;
}

/** A use of the current model: call `release()` when done (in a `finally`). */
export interface ModelLease<M, I> {
  readonly model: M;
  readonly info: I;
  release(): void;
}

interface Entry<M, I> {
  model: M;
  info: I;
  leases: number;
  retired: boolean;
  freed: boolean;
}

/**
 * The model being served, swappable while requests use it. A request takes a lease on the current
 * model; `swap` installs a new one at once (later requests get it) and frees the old one only when
 * its last lease is released. So a hot swap never fails an in-flight request, and a model's native
 * memory is freed exactly once.
 */
export class ModelSlot<M extends Freeable, I> {
  private entry: Entry<M, I> | null = null;
  /** Retired models still leased (at most a few during a swap). */
  private draining = new Set<Entry<M, I>>();

  get info(): I | null {
    return this.entry?.info ?? null;
  }

  get loaded(): boolean {
    return this.entry !== null;
  }

  /** Models replaced but not yet freed because a request still holds them. */
  get drainingCount(): number {
    return this.draining.size;
  }

  acquire(): ModelLease<M, I> | null {
    const entry = this.entry;
    if (!entry) return null;
    entry.leases++;
    let released = false;
    return {
      model: entry.model,
      info: entry.info,
      release: () => {
        if (released) return;
        released = true;
        entry.leases--;
        this.freeIfDrained(entry);
      },
    };
  }

  /** Serves `model` from now on; the previous one is freed once no lease holds it. Returns the previous info. */
  swap(model: M, info: I): I | null {
    const previous = this.entry;
    this.entry = { model, info, leases: 0, retired: false, freed: false };
    if (previous) this.retire(previous);
    return previous?.info ?? null;
  }

  /** Stops serving (shutdown): the current model is freed once its leases are released. */
  clear(): void {
    const previous = this.entry;
    this.entry = null;
    if (previous) this.retire(previous);
  }

  private retire(entry: Entry<M, I>): void {
    entry.retired = true;
    this.draining.add(entry);
    this.freeIfDrained(entry);
  }

  private freeIfDrained(entry: Entry<M, I>): void {
    if (!entry.retired || entry.leases > 0 || entry.freed) return;
    entry.freed = true;
    this.draining.delete(entry);
    entry.model.free();
  }
}
