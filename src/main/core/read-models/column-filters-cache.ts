// Each column's filters and the global mute list, compiled once into a predicate and kept until
// either changes: the predicate runs for every post on the ingest path. What a filter asks of the
// author as a customer (labels, notes) is read from the store per post, by index, so a label
// given or a note written counts at once, whether here or from the team's hub.
import { compileColumnFilters, filterPatternProblem, filtersAreEmpty, type CustomerFacts, type PostPredicate } from '../../../shared/column-filters';
import type { Column, MuteList } from '../../../shared/domain';
import type { Logger } from '../ports';
import { hasCustomerLabel } from '../store/customer-labels';
import { hasCustomerNotes } from '../store/customer-notes';
import type { Database } from '../store/database';
import { getMuteList } from '../store/mutes';

export class ColumnFiltersCache {
  private mutes: MuteList;
  private readonly compiled = new Map<string, PostPredicate | null>();
  private readonly customers: CustomerFacts;

  constructor(
    private readonly db: Database,
    private readonly logger: Pick<Logger, 'warn'> | null = null,
  ) {
    this.mutes = getMuteList(db);
    this.customers = { hasLabel: (customerId, label) => hasCustomerLabel(db, customerId, label), hasNotes: (customerId) => hasCustomerNotes(db, customerId) };
  }

  get muteList(): MuteList {
    return this.mutes;
  }

  /** The column's predicate, or null when its filters and the mutes hide nothing. */
  predicate(column: Column): PostPredicate | null {
    if (this.compiled.has(column.id)) return this.compiled.get(column.id)!;
    this.warnIfPatternUnusable(column);
    const predicate = filtersAreEmpty(column.filters, this.mutes) ? null : compileColumnFilters(column.filters, this.mutes, this.customers);
    this.compiled.set(column.id, predicate);
    return predicate;
  }

  // Patterns saved before filters ran on RE2 may use what it refuses: that filter is off (the
  // column shows its posts) rather than the process spinning on one post.
  private warnIfPatternUnusable(column: Column): void {
    const problem = column.filters.excludeRegex ? filterPatternProblem(column.filters.excludeRegex) : null;
    if (problem) this.logger?.warn('a column’s hidden pattern is off: it cannot run safely', { columnId: column.id, problem });
  }

  /** After a column's filters changed (or it was removed). */
  forget(columnId: string): void {
    this.compiled.delete(columnId);
  }

  /** After the mute list changed: every column's predicate is stale. */
  reloadMutes(): void {
    this.mutes = getMuteList(this.db);
    this.compiled.clear();
  }
}
