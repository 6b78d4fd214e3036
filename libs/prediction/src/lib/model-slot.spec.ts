import { ModelSlot } from './model-slot';

class FakeModel {
  freed = 0;
  constructor(readonly name: string) {}
  free(): void {
    this.freed++;
  }
}

describe('ModelSlot', () => {
  it('serves nothing until a model is swapped in', () => {
    const slot = new ModelSlot<FakeModel, string>();
    expect(slot.acquire()).toBeNull();
    expect(slot.loaded).toBe(false);
  });

  it('frees a replaced model only after its last lease is released, exactly once', () => {
    const slot = new ModelSlot<FakeModel, string>();
    const v1 = new FakeModel('v1');
    const v2 = new FakeModel('v2');
    slot.swap(v1, '1');
    const inFlight = slot.acquire()!;
    const other = slot.acquire()!;
    expect(slot.swap(v2, '2')).toBe('1');
    // New requests get the new model at once; the old one is still usable by its holders.
    expect(slot.acquire()?.info).toBe('2');
    expect(inFlight.model).toBe(v1);
    expect(v1.freed).toBe(0);
    expect(slot.drainingCount).toBe(1);
    inFlight.release();
    inFlight.release();
    expect(v1.freed).toBe(0);
    other.release();
    expect(v1.freed).toBe(1);
    expect(slot.drainingCount).toBe(0);
  });

  it('frees an unleased model at once on swap, and the current one on clear after its leases', () => {
    const slot = new ModelSlot<FakeModel, string>();
    const v1 = new FakeModel('v1');
    const v2 = new FakeModel('v2');
    slot.swap(v1, '1');
    slot.swap(v2, '2');
    expect(v1.freed).toBe(1);
    const lease = slot.acquire()!;
    slot.clear();
    expect(slot.acquire()).toBeNull();
    expect(v2.freed).toBe(0);
    lease.release();
    expect(v2.freed).toBe(1);
  });
});
