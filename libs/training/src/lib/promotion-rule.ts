export interface PromotionRule {
  /** The challenger's test log loss must be lower than the champion's by at least this much. */
  minLogLossImprovement: number;
  /** Below this many recent feedback rows, feedback is reported but does not decide. */
  minFeedbackRows: number;
}

export interface ModelScores {
  testLogLoss: number;
  testAccuracy: number;
  feedbackRows: number;
  feedbackLogLoss: number | null;
  feedbackAccuracy: number | null;
}

export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

/**
 * Promote only a challenger that is better on the fixed test split (same rows, scored now for both
 * models) and, when there is enough recent feedback, not worse on it: simulated battles say what
 * the game does, feedback says what users see.
 */
export function decidePromotion(challenger: ModelScores, champion: ModelScores | null, rule: PromotionRule): PromotionDecision {
  if (!champion) return { promote: true, reason: 'no champion yet' };
  const gain = champion.testLogLoss - challenger.testLogLoss;
  if (gain < rule.minLogLossImprovement) {
    return { promote: false, reason: `test log loss ${challenger.testLogLoss.toFixed(4)} vs champion ${champion.testLogLoss.toFixed(4)}: improvement ${gain.toFixed(4)} < ${rule.minLogLossImprovement}` };
  }
  if (challenger.feedbackRows >= rule.minFeedbackRows && challenger.feedbackLogLoss !== null && champion.feedbackLogLoss !== null) {
    if (challenger.feedbackLogLoss > champion.feedbackLogLoss) {
      return { promote: false, reason: `better on the test split but worse on ${challenger.feedbackRows} recent feedback rows (log loss ${challenger.feedbackLogLoss.toFixed(4)} vs ${champion.feedbackLogLoss.toFixed(4)})` };
    }
    return { promote: true, reason: `test log loss -${gain.toFixed(4)} and feedback log loss ${challenger.feedbackLogLoss.toFixed(4)} <= ${champion.feedbackLogLoss.toFixed(4)}` };
  }
  return { promote: true, reason: `test log loss -${gain.toFixed(4)} (${challenger.feedbackRows} feedback rows: fewer than ${rule.minFeedbackRows}, not deciding)` };
}
