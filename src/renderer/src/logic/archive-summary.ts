// What the archive results panel says it found: the words, the dates, how many posts.
import { describeDays, type DayRange } from '../../../shared/date-range';

/** One archive search as the agent asked it: words (trimmed) and From / To days. */
export interface ArchiveQuestion {
  text: string;
  days: DayRange;
}

export const NO_DAYS: Readonly<DayRange> = Object.freeze({ fromDate: '', toDate: '' });

/** "3 posts matching “refund”, made Mar 2, 2026 – Mar 4, 2026", or that nothing stored matches. */
export function archiveSummary(question: ArchiveQuestion, count: number, limit: number, locale?: string): string {
  const dates = describeDays(question.days, locale);
  const words = question.text === '' ? '' : `“${question.text}”`;
  if (count === 0) {
    if (!dates) return `Nothing stored matches ${words}.`;
    return words ? `Nothing stored matches ${words} made ${dates}.` : `Nothing stored was made ${dates}.`;
  }
  const found = `${count === limit ? `The newest ${limit}` : count} post${count === 1 ? '' : 's'}`;
  const parts = [words ? `matching ${words}` : '', dates ? `made ${dates}` : ''].filter((part) => part !== '');
  return `${found} ${parts.join(', ')}`;
}
