import { rateDecision, RATE_LIMIT_WINDOW_MS } from './rate-limiter.service';

describe('rateDecision (sliding window arithmetic)', () => {
  const W = RATE_LIMIT_WINDOW_MS;

  it('reports what is left, weighting the previous minute by its overlap', () => {
    // Half-way through the minute: 10 previous requests weigh 5.
    expect(rateDecision(true, 3, 10, 20, W / 2)).toMatchObject({ allowed: true, remaining: 12, retryAfterSeconds: 0, resetSeconds: 30 });
  });

  it('when this minute alone is full, waits for it to end and for its weight to fall', () => {
    // 10 used of 10, 15 s into the minute: 45 s to the end, then 10 * (1 - t/W) + 1 <= 10 -> t >= 6 s.
    const d = rateDecision(false, 10, 0, 10, 15_000);
    expect(d.allowed).toBe(false);
    expect(d.retryAfterSeconds).toBe(51);
  });

  it('when the previous minute is what weighs too much, waits for it to slide out', () => {
    // 20 previous, 0 now, limit 10, at 0 s: 20 * (W - t)/W + 1 <= 10 -> t >= 33 s.
    expect(rateDecision(false, 0, 20, 10, 0).retryAfterSeconds).toBe(33);
  });

  it('never says retry in less than a second', () => {
    expect(rateDecision(false, 0, 11, 10, W - 1).retryAfterSeconds).toBe(1);
  });
});
