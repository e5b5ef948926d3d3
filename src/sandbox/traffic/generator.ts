// Deterministic synthetic customer posts about the demo brands. Templates are compiled once into
// literal and slot parts, so a post costs a few random numbers and one string join: well over
// 50,000 posts/s on one core. Some complaints carry a photo or screenshot; that choice draws
// from its own seeded stream, so the words of every post stay what they were without pictures.
import type { MediaInput } from '../state/media';
import * as content from './content';
import type { BrandContent, Category, Complaint, Picture } from './content';
import { Random, WeightedPicker } from './random';

export interface SyntheticPost {
  /** 0, 1, 2, ... in generation order. */
  seq: number;
  brand: string;
  author: string;
  authorName: string;
  text: string;
  lang: string;
  category: Category;
  /** `seq` of an earlier post this one replies to (angry follow-ups continue their thread). */
  replyTo: number | null;
  /** The photo or screenshot attached (shared, do not modify), or null. */
  media: readonly MediaInput[] | null;
}

type Part = string | ((random: Random, brand: string) => string);
type Template = readonly Part[];

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const SLOTS: Record<string, (random: Random, brand: string) => string> = {
  brand: (_random, brand) => `@${brand}`,
  flight: (random) => `AA${100 + random.int(9900)}`,
  city: (random) => random.pick(content.CITIES),
  city2: (random) => random.pick(content.CITIES),
  mins: (random) => String(15 + random.int(180)),
  hours: (random) => String(2 + random.int(20)),
  days: (random) => String(2 + random.int(12)),
  amount: (random) => String(20 + random.int(480)),
  pnr: (random) => `${String.fromCharCode(65 + random.int(26), 65 + random.int(26))}${pad(random.int(10000), 4)}`,
  bagref: (random) => `LIS${pad(random.int(100000), 5)}`,
  order: (random) => `NM-${pad(random.int(1000000), 6)}`,
  last4: (random) => pad(random.int(10000), 4),
  day: (random) => random.pick(content.DAYS),
  device: (random) => random.pick(content.DEVICES),
  plan: (random) => random.pick(content.PLANS),
  emoji: (random) => random.pick(content.EMOJI),
  angry: (random) => random.pick(content.ANGRY),
  link: (random) => random.pick(content.LINKS),
  spamlink: (random) => random.pick(content.SPAM_LINKS),
};

function compile(template: string): Template {
  const parts: Part[] = [];
  for (const [index, piece] of template.split(/\{(\w+)\}/).entries()) {
    if (index % 2 === 0) {
      if (piece !== '') parts.push(piece);
    } else {
      const slot = SLOTS[piece];
      if (!slot) throw new Error(`unknown slot {${piece}} in traffic template: ${template}`);
      parts.push(slot);
    }
  }
  return parts;
}

interface CompiledComplaint {
  template: Template;
  /** What some customers attach to this complaint. */
  media: readonly MediaInput[] | null;
}

interface CompiledBrand {
  complaint: CompiledComplaint[];
  question: Template[];
  praise: Template[];
  followup: Template[];
  foreign: [string, Template][];
}

function compileBrand(brand: BrandContent): CompiledBrand {
  return {
    complaint: brand.complaint.map(compileComplaint),
    question: brand.question.map(compile),
    praise: brand.praise.map(compile),
    followup: brand.followup.map(compile),
    foreign: brand.foreign.map(([lang, text]) => [lang, compile(text)]),
  };
}

/** Phone screenshots are portrait; photos of bags and cabins landscape. */
function photoOf(picture: Picture): readonly MediaInput[] {
  const [width, height] = picture.screenshot ? [1170, 2532] : [1600, 1200];
  return Object.freeze([Object.freeze({ type: 'photo', altText: picture.alt, width, height } satisfies MediaInput)]);
}

function compileComplaint(complaint: Complaint): CompiledComplaint {
  return typeof complaint === 'string' ? { template: compile(complaint), media: null } : { template: compile(complaint.text), media: photoOf(complaint.picture) };
}

const AIRLINE = compileBrand(content.AIRLINE);
const CARRIER = compileBrand(content.CARRIER);
const SPAM = content.SPAM.map(compile);
const NOISE = content.NOISE.map(compile);

/** Known demo brands and their kind of business; other brands get airline-style content. */
const BRAND_CONTENT: Record<string, CompiledBrand> = { acmeair: AIRLINE, nimbusmobile: CARRIER };

const contentOf = (brand: string): CompiledBrand => BRAND_CONTENT[brand.toLowerCase()] ?? AIRLINE;

/** The brand's kind of business (carrier for the demo mobile operator, airline for any other). */
export const businessOf = (brand: string): 'airline' | 'carrier' => (contentOf(brand) === CARRIER ? 'carrier' : 'airline');

const REPLIES_TO_BRAND = { airline: content.REPLIES_TO_BRAND.airline.map(compile), carrier: content.REPLIES_TO_BRAND.carrier.map(compile) };

/** What a customer answers under the brand's reply: a template of the brand's business, filled in. */
export function replyToBrand(random: Random, brand: string): string {
  return fill(random.pick(REPLIES_TO_BRAND[businessOf(brand)]), random, brand);
}

function fill(template: Template, random: Random, brand: string): string {
  let text = '';
  for (const part of template) text += typeof part === 'string' ? part : part(random, brand);
  return text;
}

const CATEGORIES = new WeightedPicker<Category>([
  ['complaint', 32],
  ['question', 20],
  ['praise', 10],
  ['followup', 10],
  ['foreign', 14],
  ['spam', 5],
  ['noise', 9],
]);

/** Of the complaints that can carry a picture, the share that do (about 5% of all posts). */
const PICTURE_SHARE = 0.3;
const THREAD_MEMORY = 256;
const CUSTOMERS = 4_000;

export class TrafficGenerator {
  private readonly random: Random;
  /** Decides which complaints carry their picture. */
  private readonly pictures: Random;
  private seq = 0;
  /** Recent complaints, for follow-ups in their thread: [seq, author index, brand]. */
  private readonly complaints: [number, number, string][] = [];

  constructor(
    seed: number,
    private readonly brands: readonly string[],
  ) {
    if (brands.length === 0) throw new RangeError('traffic needs at least one brand');
    this.random = new Random(seed);
    this.pictures = new Random(seed ^ 0x70696373);
  }

  next(): SyntheticPost {
    const random = this.random;
    let brand = this.brands[random.int(this.brands.length)]!;
    const category = CATEGORIES.pick(random);
    let customer = random.int(CUSTOMERS);
    let replyTo: number | null = null;
    let lang = 'en';
    let template: Template;
    let media: readonly MediaInput[] | null = null;
    switch (category) {
      case 'complaint': {
        const complaint = random.pick(contentOf(brand).complaint);
        template = complaint.template;
        if (complaint.media && this.pictures.chance(PICTURE_SHARE)) media = complaint.media;
        break;
      }
      case 'followup': {
        const thread = this.complaints.length > 0 ? this.complaints[random.int(this.complaints.length)]! : null;
        if (thread) [replyTo, customer, brand] = thread;
        template = random.pick(contentOf(brand).followup);
        break;
      }
      case 'foreign': {
        const [language, chosen] = random.pick(contentOf(brand).foreign);
        lang = language;
        template = chosen;
        break;
      }
      case 'spam':
        template = random.pick(SPAM);
        break;
      case 'noise':
        template = random.pick(NOISE);
        break;
      default:
        template = random.pick(contentOf(brand)[category]);
    }
    const text = fill(template, random, brand);
    const seq = this.seq++;
    if (category === 'complaint') {
      if (this.complaints.length < THREAD_MEMORY) this.complaints.push([seq, customer, brand]);
      else this.complaints[seq % THREAD_MEMORY] = [seq, customer, brand];
    }
    const [username, name] = customerName(customer, category === 'spam');
    return { seq, brand, author: username, authorName: name, text, lang, category, replyTo, media };
  }
}

/** The customer's handle and display name; spam comes from bot-looking accounts. */
export function customerName(index: number, spam = false): [string, string] {
  const first = content.FIRST_NAMES[index % content.FIRST_NAMES.length]!;
  const last = content.LAST_NAMES[Math.floor(index / content.FIRST_NAMES.length) % content.LAST_NAMES.length]!;
  if (spam) return [`promo_${pad(index, 6)}`, 'Deals 4 U'];
  const number = Math.floor(index / (content.FIRST_NAMES.length * content.LAST_NAMES.length));
  const username = `${first}_${last}${number > 0 ? number : ''}`.slice(0, 15);
  return [username, `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`];
}
