import { decidePromotion, ModelScores } from './promotion-rule';

const scores = (testLogLoss: number, feedbackLogLoss: number | null = null, feedbackRows = 0): ModelScores => ({
  testLogLoss,
  testAccuracy: 0.9,
  feedbackRows,
  feedbackLogLoss,
  feedbackAccuracy: null,
});
const rule = { minLogLossImprovement: 0.001, minFeedbackRows: 50 };

describe('decidePromotion', () => {
  it('promotes when there is no champion', () => {
    expect(decidePromotion(scores(0.5), null, rule).promote).toBe(true);
  });

  it('requires a test log loss improvement of at least the margin', () => {
    expect(decidePromotion(scores(0.1995), scores(0.2), rule)).toMatchObject({ promote: false });
    expect(decidePromotion(scores(0.19), scores(0.2), rule)).toMatchObject({ promote: true });
  });

  it('lets enough feedback veto a challenger that is worse on it', () => {
    expect(decidePromotion(scores(0.19, 0.5, 80), scores(0.2, 0.4, 80), rule)).toMatchObject({ promote: false, reason: expect.stringMatching(/worse on 80 recent feedback rows/) });
    expect(decidePromotion(scores(0.19, 0.3, 80), scores(0.2, 0.4, 80), rule).promote).toBe(true);
  });

  it('ignores feedback below the minimum sample', () => {
    expect(decidePromotion(scores(0.19, 0.9, 10), scores(0.2, 0.1, 10), rule)).toMatchObject({ promote: true, reason: expect.stringMatching(/not deciding/) });
  });
});
