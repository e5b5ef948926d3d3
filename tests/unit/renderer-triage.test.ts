// The renderer's side of triage: the column options form carries the sort and the sentiment
// filter; a "Priority first" column shows and pages its posts by priority; a card's badge names
// the sentiment and explains it.
import { describe, expect, it } from 'vitest';
import { lastShownId, orderedPosts } from '../../src/renderer/src/logic/column-order';
import { activeFilterCount, filtersFromForm, formFromFilters } from '../../src/renderer/src/logic/filters-form';
import { sentimentBadge } from '../../src/renderer/src/logic/sentiment-presentation';
import { DEFAULT_COLUMN_FILTERS, type PostAssessment } from '../../src/shared/domain';
import { postView } from '../helpers/posts';

const assessment = (priority: number, sentiment: PostAssessment['sentiment'] = 'neutral'): PostAssessment => ({ sentiment, confidence: 0.7, score: 0, priority, reasons: [] });

describe('column options form', () => {
  it('round-trips the sort and the sentiment filter; only the filter counts as one', () => {
    const filters = { ...DEFAULT_COLUMN_FILTERS, sentiments: ['negative' as const, 'neutral' as const], sort: 'priority' as const };
    expect(formFromFilters(filters)).toMatchObject({ sentiment: 'not-positive', sort: 'priority' });
    expect(filtersFromForm(formFromFilters(filters))).toEqual({ ok: true, value: filters });
    expect(activeFilterCount(filters)).toBe(1);
    expect(activeFilterCount({ ...DEFAULT_COLUMN_FILTERS, sort: 'priority' })).toBe(0);
    expect(filtersFromForm({ ...formFromFilters(DEFAULT_COLUMN_FILTERS), sentiment: 'positive' })).toMatchObject({ ok: true, value: { sentiments: ['positive'], sort: 'newest' } });
  });
});

describe('a column’s order', () => {
  const posts = [
    postView({ id: '30', assessment: assessment(20) }),
    postView({ id: '20', assessment: assessment(80, 'negative') }),
    postView({ id: '15' }),
    postView({ id: '10', assessment: assessment(20) }),
  ];

  it('keeps newest first as the store holds it, or shows the highest priority first (newest first among equals)', () => {
    expect(orderedPosts(posts, 'newest')).toBe(posts);
    expect(orderedPosts(posts, 'priority').map((post) => post.id)).toEqual(['20', '30', '10', '15']);
  });

  it('pages on after the last post the column shows', () => {
    expect(lastShownId(posts, 'newest')).toBe('10');
    expect(lastShownId(posts, 'priority')).toBe('15');
    expect(lastShownId([], 'priority')).toBeNull();
  });
});

describe('the card’s sentiment badge', () => {
  it('is named for its sentiment and explains how sure, how urgent and why', () => {
    const badge = sentimentBadge({ sentiment: 'negative', confidence: 0.83, score: -0.4, priority: 71, reasons: ['Negative tone', 'Mentions a refund'] });
    expect(badge.name).toBe('Sentiment: negative');
    expect(badge.explanation).toBe('Negative (83% sure), priority 71 of 100\n• Negative tone\n• Mentions a refund');
  });
});
