// What a digest e-mail says: the alerts since the last one (the rule, who wrote, what, where to
// see it), as plain text and as simple HTML. Everything a customer wrote is escaped (escape-html);
// a link becomes an anchor only when it is an https URL. Pure: unit-tested.
import escapeHtml from 'escape-html';
import type { DigestItem } from '../store/alerts';

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

/** "2026-11-25 09:14 UTC": unambiguous wherever the reader is. */
export function digestTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function whoAndWhat(item: DigestItem): string {
  if (item.kind === 'slaBreach') return `${item.author ? `${item.author}’s` : 'A'} case waited past its first-response target`;
  return `${item.author ?? 'Someone'} ${item.kind === 'dm' ? 'in a direct message' : 'posted'}`;
}

const safeLink = (link: string | null): string | null => (link !== null && /^https:\/\/[^\s"'<>]+$/.test(link) ? link : null);

/**
 * The digest of `items` (oldest first). `more` alerts wait beyond these (the next digest sends them);
 * `since` is when the last digest went out (null: none did yet).
 */
export function composeDigest(items: readonly DigestItem[], options: { more: number; since: number | null }): DigestMail {
  const count = plural(items.length, 'alert', 'alerts');
  const since = options.since === null ? '' : ` since ${digestTime(options.since)}`;
  const heading = `${count}${since}`;
  const moreLine = options.more > 0 ? `${plural(options.more, 'more alert waits', 'more alerts wait')} for the next digest.` : null;

  const textBlocks = items.map((item, index) => {
    const lines = [`${index + 1}. ${item.rule} — ${whoAndWhat(item)}, ${digestTime(item.at)}`];
    if (item.text.trim() !== '') lines.push(...item.text.trim().split(/\r?\n/).map((line) => `   ${line}`));
    if (item.link) lines.push(`   ${item.link}`);
    return lines.join('\n');
  });
  const text = [`Deckhand: ${heading}`, '', ...textBlocks.flatMap((block) => [block, '']), ...(moreLine ? [moreLine, ''] : []), 'Sent by Deckhand through your SMTP server. Change alerts and the digest under Alerts.'].join('\n');

  const htmlItems = items.map((item) => {
    const link = safeLink(item.link);
    const parts = [
      `<p style="margin:0"><strong>${escapeHtml(item.rule)}</strong> — ${escapeHtml(whoAndWhat(item))}, ${escapeHtml(digestTime(item.at))}</p>`,
      item.text.trim() === '' ? '' : `<blockquote style="margin:4px 0 0 0;padding-left:8px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(item.text.trim())}</blockquote>`,
      link ? `<p style="margin:4px 0 0 0"><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : item.link ? `<p style="margin:4px 0 0 0">${escapeHtml(item.link)}</p>` : '',
    ];
    return `<li style="margin-bottom:12px">${parts.join('')}</li>`;
  });
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;font-size:14px">',
    `<h1 style="font-size:18px">Deckhand: ${escapeHtml(heading)}</h1>`,
    `<ol>${htmlItems.join('')}</ol>`,
    moreLine ? `<p>${escapeHtml(moreLine)}</p>` : '',
    '<p style="color:#666">Sent by Deckhand through your SMTP server. Change alerts and the digest under Alerts.</p>',
    '</body></html>',
  ].join('');

  return { subject: `Deckhand: ${count}`, text, html };
}

/** The test e-mail "Send test e-mail" sends. */
export function testMail(now: number): DigestMail {
  const text = `Deckhand can send your alert digest through this SMTP server (${digestTime(now)}).`;
  return { subject: 'Deckhand: test e-mail', text, html: `<p>${escapeHtml(text)}</p>` };
}
