// The renderer's side of dates: the Add column form turns the builder's From / To dates into the
// range the core takes, refuses dates X's recent search cannot reach, and the archive panel says
// which dates its results are from.
import { describe, expect, it } from 'vitest';
import { archiveSummary, NO_DAYS } from '../../src/renderer/src/logic/archive-summary';
import { columnInput, emptyBuilderForm, emptyCaseQueueForm, type AddColumnForm } from '../../src/renderer/src/logic/column-input';
import { statusBadge } from '../../src/renderer/src/logic/column-status';
import { rangeOfDays } from '../../src/shared/date-range';

const form = (fromDate: string, toDate: string): AddColumnForm => ({
  kind: 'search',
  accountId: '100',
  query: 'refund',
  username: '',
  archiveQuery: '',
  builder: { ...emptyBuilderForm(), allWords: 'refund', fromDate, toDate },
  queue: emptyCaseQueueForm(),
});

describe('a search column’s dates in the Add column form', () => {
  it('sends the days as a range (local whole days, both included), and none without dates', () => {
    const input = columnInput(form('2026-03-05', '2026-03-07'), '2026-03-10');
    expect(input).toMatchObject({ kind: 'search', query: 'refund', range: rangeOfDays({ fromDate: '2026-03-05', toDate: '2026-03-07' }) });
    expect(columnInput(form('', ''), '2026-03-10')).not.toHaveProperty('range');
  });

  it('refuses days X’s recent search cannot reach, before the column is made', () => {
    expect(columnInput(form('2026-03-01', ''), '2026-03-10')).toBe('X searches only the last 7 days: the From date can be 2026-03-03 at the earliest');
    expect(columnInput(form('2026-03-08', '2026-03-06'), '2026-03-10')).toBe('The From date is after the To date');
  });
});

describe('the archive panel’s summary', () => {
  it('names the words and the dates it searched', () => {
    const days = { fromDate: '2026-03-02', toDate: '2026-03-04' };
    expect(archiveSummary({ text: 'refund', days }, 3, 50, 'en-GB')).toBe('3 posts matching “refund”, made 2 Mar 2026 – 4 Mar 2026');
    expect(archiveSummary({ text: '', days }, 1, 50, 'en-GB')).toBe('1 post made 2 Mar 2026 – 4 Mar 2026');
    expect(archiveSummary({ text: 'refund', days: NO_DAYS }, 50, 50)).toBe('The newest 50 posts matching “refund”');
    expect(archiveSummary({ text: '', days }, 0, 50, 'en-GB')).toBe('Nothing stored was made 2 Mar 2026 – 4 Mar 2026.');
    expect(archiveSummary({ text: 'refund', days: NO_DAYS }, 0, 50)).toBe('Nothing stored matches “refund”.');
  });
});

describe('a dated search column whose dates have passed', () => {
  it('says why nothing new arrives', () => {
    const why = 'These dates have passed: the column holds what X had for them, and nothing new arrives';
    expect(statusBadge({ columnId: 'c', state: 'local', message: why }, 'search')).toEqual({ label: 'Local', tone: 'live', detail: why });
    expect(statusBadge({ columnId: 'c', state: 'local', message: null }, 'archive').detail).toMatch(/stored on this computer/);
  });
});
