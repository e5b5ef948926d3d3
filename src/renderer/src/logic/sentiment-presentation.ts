// How a card shows a post's assessment: a name for assistive technology and tests ("Sentiment:
// negative"), and the explanation a hover gives (how sure, how urgent, and why).
import type { PostAssessment } from '../../../shared/domain';

export interface SentimentBadge {
  name: string;
  explanation: string;
}

export function sentimentBadge(assessment: PostAssessment): SentimentBadge {
  const sure = `${Math.round(assessment.confidence * 100)}% sure`;
  const lines = [`${assessment.sentiment[0]!.toUpperCase()}${assessment.sentiment.slice(1)} (${sure}), priority ${assessment.priority} of 100`, ...assessment.reasons.map((reason) => `• ${reason}`)];
  return { name: `Sentiment: ${assessment.sentiment}`, explanation: lines.join('\n') };
}
