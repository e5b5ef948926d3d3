// One icon (an SVG path on a 24×24 grid) per column kind, for headers and collapsed columns.
import type { ColumnKind } from '../../../shared/domain';

export const COLUMN_KIND_ICONS: Readonly<Record<ColumnKind, string>> = {
  search: 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z',
  mentions:
    'M12 2a10 10 0 1 0 5 18.7l-1-1.7A8 8 0 1 1 20 12v1.5a1.5 1.5 0 0 1-3 0V7h-2v.9A5 5 0 1 0 16 16a3.5 3.5 0 0 0 6-2.5V12A10 10 0 0 0 12 2zm0 13a3 3 0 1 1 0-6 3 3 0 0 1 0 6z',
  user: 'M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zm0 2c-4.4 0-8 2.2-8 5v3h16v-3c0-2.8-3.6-5-8-5z',
  dms: 'M3 5h18v14H3zm2 2v.5l7 4.5 7-4.5V7zm14 2.9-7 4.5-7-4.5V17h14z',
  archive: 'M3 3h18v5H3zm1 6h16v12H4zm5 3v2h6v-2z',
  cases: 'M4 4h16v4H4zm0 6h16v4H4zm0 6h10v4H4zm12 0h4v4h-4z',
  // A check in a box: replies waiting for a yes.
  approvals: 'M4 4h16v16H4zm2 2v12h12V6zm3.5 5.5 2 2 4-4 1.4 1.4-5.4 5.4-3.4-3.4z',
  // A clock: posts waiting for their time.
  scheduled: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm-1 3v6l5 3 1-1.7-4-2.4V7z',
};
