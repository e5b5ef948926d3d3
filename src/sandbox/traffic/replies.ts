// Customers answer the brands: when a brand replies to a traffic customer's post (from the app,
// the admin API or anywhere), that customer usually (7 in 10) answers under the brand's reply a
// few traffic posts later, so care threads stay alive. Whether, when and what come from their own
// seeded stream (reseeded when the traffic is configured), so the customer posts around them are
// exactly what they would be without; the same brand replies at the same points of the traffic
// give the same answers.
import type { PostStore, SandboxPost } from '../state/posts';
import type { SandboxUser, UserStore } from '../state/users';
import { replyToBrand } from './generator';
import { Random } from './random';

const ANSWER_SHARE = 0.7;
/** Traffic posts between the brand's reply and the customer's answer: 2 to 30. */
const MIN_GAP = 2;
const GAP_SPREAD = 29;
/** Answers waiting at most; past it the oldest are forgotten (a brand replying to thousands). */
const MAX_PENDING = 1_000;

interface PendingAnswer {
  /** The runner's emitted count at which the answer is due. */
  due: number;
  brandReply: SandboxPost;
  brand: SandboxUser;
  customer: SandboxUser;
}

export interface CustomerAnswer {
  author: SandboxUser;
  text: string;
  inReplyTo: SandboxPost;
}

export class BrandReplyAnswers {
  private random: Random;
  private readonly pending: PendingAnswer[] = [];

  constructor(
    private readonly users: UserStore,
    posts: PostStore,
    private readonly brands: () => readonly string[],
    private readonly emitted: () => number,
    seed: number,
  ) {
    this.random = new Random(seed ^ 0x72706c79);
    posts.onCreate((post) => this.noticeBrandReply(post, posts));
  }

  reseed(seed: number): void {
    this.random = new Random(seed ^ 0x72706c79);
  }

  /** The answers due now (oldest first), each drawn once. */
  takeDue(): CustomerAnswer[] {
    const now = this.emitted();
    const answers: CustomerAnswer[] = [];
    while (this.pending.length > 0 && this.pending[0]!.due <= now) {
      const { brandReply, brand, customer } = this.pending.shift()!;
      if (brandReply.deleted) continue;
      answers.push({ author: customer, text: replyToBrand(this.random, brand.username), inReplyTo: brandReply });
    }
    return answers;
  }

  private noticeBrandReply(post: SandboxPost, posts: PostStore): void {
    if (post.inReplyToPostId === null || post.origin === 'traffic') return;
    const author = this.users.get(post.authorId);
    if (!author || !this.brands().some((brand) => brand.toLowerCase() === author.username.toLowerCase())) return;
    const parent = posts.get(post.inReplyToPostId);
    if (!parent || parent.origin !== 'traffic' || parent.authorId === author.id) return;
    const customer = this.users.get(parent.authorId);
    if (!customer || !this.random.chance(ANSWER_SHARE)) return;
    const due = this.emitted() + MIN_GAP + this.random.int(GAP_SPREAD);
    const at = this.pending.findIndex((answer) => answer.due > due);
    this.pending.splice(at < 0 ? this.pending.length : at, 0, { due, brandReply: post, brand: author, customer });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }
}
