// Customer DMs alongside the synthetic posts: about 2% of the traffic posts that @mention a brand
// are followed by a DM from the same customer to that brand, carrying the post's details. The
// choice and the wording come from a hash of the post's text, so the DMs are as deterministic
// per seed as the posts are. On the 50,000 posts/s path each post costs one 24-character hash; a DM
// is built for about 1 post in 100.
import type { DmStore } from '../state/dms';
import type { PostStore, SandboxPost } from '../state/posts';
import type { UserStore } from '../state/users';

/** DMs per 1,000 brand-mentioning traffic posts. */
export const DMS_PER_MILLE = 20;

const OPENERS = [
  'Hi, following up on my post here: ',
  'Sending the details by DM as asked. ',
  'Hello, can you look into this please? ',
  'DMing you since nobody answered publicly. ',
  'Hi team, here is my case: ',
];

/** FNV-1a over the last 24 UTF-16 units (where order and flight numbers vary) and the length. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = Math.max(0, text.length - 24); index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (Math.imul(hash ^ text.length, 0x01000193) >>> 0) % 1_000_003;
}

/** Starts following traffic posts; returns the function that stops it. */
export function attachDmTraffic(posts: PostStore, users: UserStore, dms: DmStore, brands: () => readonly string[]): () => void {
  return posts.onCreate((post) => {
    if (post.origin !== 'traffic' || post.analysed.mentions.length === 0) return;
    const hash = hashOf(post.raw);
    if (hash % 1_000 >= DMS_PER_MILLE) return;
    followUp(post, hash, users, dms, brands());
  });
}

function followUp(post: SandboxPost, hash: number, users: UserStore, dms: DmStore, brands: readonly string[]): void {
  const wanted = new Set(brands.map((brand) => brand.toLowerCase()));
  const mentioned = post.analysed.mentions.find((username) => wanted.has(username));
  const brand = mentioned ? users.byUsername(mentioned) : undefined;
  const customer = users.get(post.authorId);
  if (!brand || !customer || brand.id === customer.id) return;
  const details = post.raw.replace(new RegExp(`[@＠]${brand.username}(?![A-Za-z0-9_])`, 'gi'), '').replace(/\s+/g, ' ').trim();
  dms.sendDirect(customer, brand, `${OPENERS[Math.floor(hash / 1_000) % OPENERS.length]}${details}`);
}
