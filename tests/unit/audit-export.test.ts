import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../src/main/core/team/audit-export';

describe('the audit log as CSV', () => {
  it('writes a header and one line per entry, quoting what needs it and defusing formulas (a leading @ too)', () => {
    const file = auditCsv(
      [
        { seq: 9, at: Date.UTC(2026, 11, 3, 9, 30), actorId: 'm1', actor: 'Bob Agent', handle: '@AcmeAir', intent: 'setCaseStatus', outcome: 'applied', reason: null, detail: '{"status":"resolved"}' },
        { seq: 8, at: Date.UTC(2026, 11, 3, 9, 0), actorId: 'm2', actor: '=cmd()', handle: null, intent: 'setMemberRole', outcome: 'refused', reason: 'Refused: needs manage-team in this team.', detail: '{}' },
      ],
      'Acme care',
      new Date(Date.UTC(2026, 11, 3)),
    );
    expect(file).toMatchObject({ mimeType: 'text/csv', rows: 2, filename: 'deckhand-acme-care-audit-log-2026-12-03.csv' });
    expect(file.content.split('\r\n')).toEqual([
      'seq,time,actor,handle,action,outcome,reason,detail',
      "9,2026-12-03T09:30:00.000Z,Bob Agent,'@AcmeAir,setCaseStatus,applied,,\"{\"\"status\"\":\"\"resolved\"\"}\"",
      "8,2026-12-03T09:00:00.000Z,'=cmd(),,setMemberRole,refused,Refused: needs manage-team in this team.,{}",
      '',
    ]);
  });
});
