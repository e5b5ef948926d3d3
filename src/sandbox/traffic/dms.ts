// Customer DM conversations alongside the synthetic posts: about 2% of the traffic posts that
// @mention a brand are followed by a DM from the same customer to that brand, carrying the post's
// details and a booking code (airlines) or order number (the carrier); about half of those
// customers come back in the same conversation, angrier, a few traffic posts later (one or two
// follow-ups naming the same code). The choices and the wording come from a hash of the post's
// text, so the DMs are as deterministic per seed as the posts are. On the 50,000 posts/s path each
// post costs one 24-character hash; a DM is built for about 1 post in 100.
import type { DmStore } from '../state/dms';
import type { PostStore, SandboxPost } from '../state/posts';
import type { SandboxUser, UserStore } from '../state/users';
import { businessOf } from './generator';

/** DMs opened per 1,000 brand-mentioning traffic posts. */
export const DMS_PER_MILLE = 20;

const OPENERS = [
  'Hi, following up on my post here: ',
  'Sending the details by DM as asked. ',
  'Hello, can you look into this please? ',
  'DMing you since nobody answered publicly. ',
  'Hi team, here is my case: ',
];

const FOLLOW_UPS = [
  'Hello?? Still no answer about {code}.',
  'It has been hours. {code}. Is anyone reading these?',
  'Why is nobody answering my DMs? {code} 😡',
  'Third message. {code}. I will take this to the press if I have to.',
  'Just checking again on {code}, nothing has changed 😤',
];

/** Traffic posts between a DM and its follow-up: 5 to 64. */
const MIN_GAP = 5;
const GAP_SPREAD = 60;
const MAX_PENDING = 1_000;

const BOOKING_CODE = /\b[A-Z]{2}\d{4}\b/;
const ORDER_NUMBER = /\bNM-\d{6}\b/;

/** FNV-1a over the last 24 UTF-16 units (where order and flight numbers vary) and the length. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = Math.max(0, text.length - 24); index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (Math.imul(hash ^ text.length, 0x01000193) >>> 0) % 1_000_003;
}

interface FollowUp {
  due: number;
  customer: SandboxUser;
  brand: SandboxUser;
  text: string;
}

/** Starts following traffic posts; returns the function that stops it. */
export function attachDmTraffic(posts: PostStore, users: UserStore, dms: DmStore, brands: () => readonly string[]): () => void {
  let seen = 0;
  const pending: FollowUp[] = [];
  return posts.onCreate((post) => {
    if (post.origin !== 'traffic') return;
    seen += 1;
    while (pending.length > 0 && pending[0]!.due <= seen) {
      const { customer, brand, text } = pending.shift()!;
      dms.sendDirect(customer, brand, text);
    }
    if (post.analysed.mentions.length === 0) return;
    const hash = hashOf(post.raw);
    if (hash % 1_000 >= DMS_PER_MILLE) return;
    const opened = open(post, hash, users, dms, brands());
    if (!opened) return;
    for (const followUp of followUpsOf(hash, seen, opened)) {
      const at = pending.findIndex((other) => other.due > followUp.due);
      pending.splice(at < 0 ? pending.length : at, 0, followUp);
    }
    if (pending.length > MAX_PENDING) pending.splice(0, pending.length - MAX_PENDING);
  });
}

interface Opened {
  customer: SandboxUser;
  brand: SandboxUser;
  code: string;
}

function open(post: SandboxPost, hash: number, users: UserStore, dms: DmStore, brands: readonly string[]): Opened | null {
  const wanted = new Set(brands.map((brand) => brand.toLowerCase()));
  const mentioned = post.analysed.mentions.find((username) => wanted.has(username));
  const brand = mentioned ? users.byUsername(mentioned) : undefined;
  const customer = users.get(post.authorId);
  if (!brand || !customer || brand.id === customer.id) return null;
  const details = post.raw.replace(new RegExp(`[@＠]${brand.username}(?![A-Za-z0-9_])`, 'gi'), '').replace(/\s+/g, ' ').trim();
  // The customer's own code: customers whose posts end alike still get different ones.
  const { code, label, given } = codeOf(post.raw, hashOf(`${post.raw}|${customer.username}`), brand.username);
  const reference = given ? '' : ` ${label}: ${code}.`;
  dms.sendDirect(customer, brand, `${OPENERS[Math.floor(hash / 1_000) % OPENERS.length]}${details}${reference}`);
  return { customer, brand, code };
}

/** The booking code or order number the post names, or one the customer adds in the DM. */
function codeOf(text: string, hash: number, brand: string): { code: string; label: string; given: boolean } {
  const carrier = businessOf(brand) === 'carrier';
  const found = (carrier ? ORDER_NUMBER : BOOKING_CODE).exec(text);
  if (found) return { code: found[0], label: '', given: true };
  if (carrier) return { code: `NM-${String(hash % 1_000_000).padStart(6, '0')}`, label: 'Order number', given: false };
  const letters = String.fromCharCode(65 + (hash % 26), 65 + (Math.floor(hash / 26) % 26));
  return { code: `${letters}${String(Math.floor(hash / 676) % 10_000).padStart(4, '0')}`, label: 'Booking code', given: false };
}

/** About half the customers write again: one or two angrier messages in the same conversation. */
function followUpsOf(hash: number, seen: number, opened: Opened): FollowUp[] {
  const count = [0, 0, 1, 2][Math.floor(hash / 7) % 4]!;
  const out: FollowUp[] = [];
  let due = seen;
  for (let index = 0; index < count; index++) {
    due += MIN_GAP + (Math.floor(hash / (11 + index)) % GAP_SPREAD);
    const template = FOLLOW_UPS[(Math.floor(hash / 13) + index) % FOLLOW_UPS.length]!;
    out.push({ due, customer: opened.customer, brand: opened.brand, text: template.replace('{code}', opened.code) });
  }
  return out;
}
