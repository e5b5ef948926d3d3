// Sentiment and priority of an incoming post, computed locally and synchronously.
//
// Tone comes from wink-nlp with its wink-eng-lite-web-model, chosen over `sentiment` (AFINN-165)
// and `vader-sentiment` because it is maintained (the others' last releases date from 2018-19),
// ships its own TypeScript types, is plain JavaScript written for browsers (no node:* built-ins,
// so it runs in Node, the hub and a renderer bundle alike) and scores negation over a phrase
// ("not very happy", "wasn't good"), emoji and emoticons, where AFINN only flips the word right
// after a negator. Its cost is size (about 3.5 MB minified), so the model is built on first use.
//
// The tone model knows English only: posts in other languages keep a neutral, low-confidence
// sentiment, but their complaint signals still raise their priority. Complaint signals (order,
// booking and flight references; refunds, delays, lost bags, outages...) are domain patterns, not a
// sentiment lexicon: a flat-toned post that reports a service problem is a complaint all the same.
import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { PostAssessment, Sentiment } from './domain';

export type { PostAssessment, Sentiment };

export interface PostInput {
  text: string;
  /** The post's language as X reports it (BCP 47), or null when unknown. */
  lang: string | null;
  followers: number | null;
  verified: boolean | null;
  /** Customer labels the team gave the author, such as "VIP" or "press". */
  labels?: string[];
}

/**
 * How the 0..100 priority is made; the maxima add up to 100.
 * - tone, up to 40: a negative tone weighs most, scaled by its strength; neutral or unscored
 *   tone gets a little (it may still hide a problem), positive tone nothing;
 * - complaint signals, up to 30: each kind of problem named (refund, delay, ...) and a reference
 *   to an order, booking or flight;
 * - reach, up to 20: followers on a log scale (1M followers get it all) and the verified badge;
 * - customer labels, up to 10: a VIP or the press.
 */
export const PRIORITY_WEIGHTS = {
  negativeTone: { base: 25, strength: 15 },
  neutralTone: 10,
  problemKind: 10,
  problemKindsMax: 20,
  reference: 10,
  followers: 15,
  followersForFullWeight: 1_000_000,
  verified: 5,
  label: 10,
} as const;

/** wink-nlp scores beyond these read as a clear tone; between them the post is neutral. */
const NEGATIVE_TONE = -0.1;
const POSITIVE_TONE = 0.15;
/** A post that reports a problem stays negative unless its tone is clearly warmer than this. */
const PROBLEM_OUTWEIGHS_TONE = 0.5;
const UNSCORED_CONFIDENCE = 0.2;
const EMOJI_ONLY_CONFIDENCE = 0.35;
/** Followers below this are not worth a reason line. */
const NOTABLE_FOLLOWERS = 1_000;

/** Words and phrases bounded by non-letters, in any script that separates words. */
const words = (...alternatives: string[]) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
/** Fragments for scripts without spaces between words (Japanese), matched anywhere. */
const fragments = (...alternatives: string[]) => new RegExp(alternatives.join('|'), 'u');

interface ProblemKind {
  reason: string;
  patterns: RegExp[];
}

const PROBLEM_KINDS: readonly ProblemKind[] = [
  { reason: 'Mentions a refund', patterns: [words('refunds?', 'refunded', 'reembolsos?', 'remboursements?', 'rückerstattung', 'erstattung', 'money back'), fragments('返金', 'استرداد')] },
  { reason: 'Mentions a cancellation', patterns: [words('cancel(?:l?ed|lation|s)?', 'annulée?s?', 'cancelad[oa]s?', 'storniert', 'annulliert'), fragments('欠航', 'キャンセル', 'ملغاة')] },
  { reason: 'Mentions a delay', patterns: [words('delay(?:ed|s)?', 'retraso', 'retard', 'verspätung', 'tarmac', 'supposed to (?:arrive|be here)', 'still "?processing'), fragments('遅れ', 'متأخرة')] },
  {
    reason: 'Something lost or missing',
    patterns: [
      words('lost', 'missing', 'lostbag', 'never (?:arrived|came|showed up)', 'did(?: not|n.t) (?:arrive|make it)', 'not arrived', 'perdid[oa]s?', 'perdue?s?', 'verloren', 'nicht (?:angekommen|da)', 'dónde está'),
      fragments('届きません', '届かない'),
    ],
  },
  { reason: 'Something broken or failing', patterns: [words('broken', 'damaged', 'ripped', 'torn', 'crash(?:ed|es|ing)?', 'failed', 'not working', 'does(?: not|n.t) work', 'kaputt', 'cassée?', 'rot[oa]')] },
  { reason: 'Reports an outage', patterns: [words('outage', 'no (?:signal|service|network)', 'without service', 'dropping', 'can(?:not| not|.t) make calls', 'sin señal', 'plus de réseau', 'panne', 'kein netz'), fragments('障害', '電波が入りません', 'لا توجد شبكة')] },
  { reason: 'Billing problem', patterns: [words('charged(?: me)? twice', 'double charged', 'overcharged', 'rip-?off', 'roaming charges?', 'bill is', 'factura', 'facture', 'rechnung')] },
  { reason: 'Still waiting for help', patterns: [words('still (?:waiting|nothing|no)', 'on hold', 'hung up', 'no (?:reply|answer|updates?|rebooking)', 'nobody answers', 'anyone there', 'nadie informa', 'keine info')] },
];

/** A reference after a word that says what it is: "order NM-123456", "booking AB1234", "flight LH123". */
const NAMED_REFERENCE = words(
  '(order|bestellung|pedido|commande|flight|flug|vuelo|vol|booking|pnr|reservation|confirmation|ref|case|ticket)\\s*(?:number|no\\.?|code|#|:)?\\s*#?([a-z]{0,3}-?\\d{3,}|[a-z]{2}\\s\\d{2,4})',
);
/** A bare code as customers paste them: "AB1234", "NM-123456", "#12345". Letters must be capitals. */
const BARE_REFERENCE = /(?<![\p{L}\p{N}_-])(?:[A-Z]{2,3}-?\d{3,6}|#\d{4,})(?![\p{L}\p{N}_-])/gu;
const REFERENCE_KINDS: Record<string, string> = { order: 'Order', bestellung: 'Order', pedido: 'Order', commande: 'Order', flight: 'Flight', flug: 'Flight', vuelo: 'Flight', vol: 'Flight' };
const BOOKING_WORDS = new Set(['booking', 'pnr', 'reservation', 'confirmation']);

const LABEL_REASONS: Record<string, string> = { vip: 'VIP customer', press: 'Press' };

const URLS = /\b(?:https?:\/\/|www\.)\S+/giu;
const MENTIONS = /(?<![\p{L}\p{N}_])@\w+/gu;
/** Hashtags read as their words ("#fail" is "fail") for the tone model. */
const HASHTAG_SIGNS = /#(?=\p{L})/gu;
/** Emoji (with their modifiers and joiners), to read a post's words apart from them. */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}]/gu;
const HAS_EMOJI = /\p{Extended_Pictographic}/u;
/**
 * The hyphens of compounds. The tone model splits "shout-out" and scores "shout"; a compound means
 * something other than its parts ("shout-out", "check-in", "carry-on", "no-show"), so it is read
 * as one word, which the model leaves unscored.
 */
const COMPOUND_HYPHEN = /(?<=\p{L})-(?=\p{L})/gu;

let nlp: WinkMethods | null = null;

function toneOf(text: string): number {
  nlp ??= winkNLP(model, ['sbd', 'negation', 'sentiment']);
  const sentiment = nlp.readDoc(text).out(nlp.its.sentiment);
  return typeof sentiment === 'number' && Number.isFinite(sentiment) ? sentiment : 0;
}

/** The text without links and @mentions, which say nothing about tone or trouble. */
export function stripForScoring(text: string): string {
  return text.replace(URLS, ' ').replace(MENTIONS, ' ').replace(/\s+/gu, ' ').trim();
}

const LETTERS = /\p{L}/gu;
const LATIN_LETTERS = /\p{Script=Latin}/gu;

/**
 * Whether the tone model may read the text: X says English, or says nothing sure (a DM has no
 * language, short posts get "und") and the text's letters are mostly Latin. Otherwise the
 * language it is in (X's code, or "not English" when X said nothing sure).
 */
function unreadableLanguage(lang: string | null, text: string): string | null {
  if (lang !== null && /^en(?:-|$)/iu.test(lang)) return null;
  if (lang !== null && lang.toLowerCase() !== 'und') return lang;
  const letters = text.match(LETTERS)?.length ?? 0;
  const latin = text.match(LATIN_LETTERS)?.length ?? 0;
  return letters > 0 && latin / letters < 0.5 ? 'not English' : null;
}

function referenceIn(text: string): string | null {
  const named = NAMED_REFERENCE.exec(text);
  if (named) {
    const kind = named[1]!.toLowerCase();
    const code = named[2]!.toUpperCase();
    return `${REFERENCE_KINDS[kind] ?? (BOOKING_WORDS.has(kind) ? 'Booking code' : 'Reference')} ${code}`;
  }
  const bare = text.match(BARE_REFERENCE);
  return bare ? `Reference ${bare[0]}` : null;
}

// One formatter for every post: making an Intl.NumberFormat costs more than a post's whole assessment.
const COMPACT = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

function compactCount(count: number): string {
  return COMPACT.format(count).toLowerCase();
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Sentiment, confidence and priority of one post; never throws on odd input. */
export function assessPost(input: PostInput): PostAssessment {
  const w = PRIORITY_WEIGHTS;
  const text = stripForScoring(typeof input.text === 'string' ? input.text : '');
  const reasons: string[] = [];

  const problems = PROBLEM_KINDS.filter((kind) => kind.patterns.some((pattern) => pattern.test(text)));
  const reference = referenceIn(text);

  let sentiment: Sentiment = 'neutral';
  let confidence = UNSCORED_CONFIDENCE;
  let score = 0;
  let tonePoints: number = w.neutralTone;
  const unreadable = unreadableLanguage(input.lang, text);
  if (unreadable !== null) {
    reasons.push(`Tone not scored (${unreadable})`);
  } else if (text !== '') {
    const readable = text.replace(HASHTAG_SIGNS, '').replace(COMPOUND_HYPHEN, '');
    score = toneOf(readable);
    const strength = Math.abs(score);
    // An emoji weighs as much as a sentence in the model, and customers pick them loosely ("landed
    // early 😤", "coffee first 💔"): when only the emoji reads negative and the post names no
    // problem, it is mixed (the words praise) or negative but not urgent (the words are neutral).
    const wordsTone = score <= NEGATIVE_TONE && problems.length === 0 && HAS_EMOJI.test(readable) ? toneOf(readable.replace(EMOJI, ' ')) : null;
    const emojiOnly = wordsTone !== null && wordsTone > NEGATIVE_TONE;
    if (emojiOnly && wordsTone >= POSITIVE_TONE) {
      confidence = EMOJI_ONLY_CONFIDENCE;
      reasons.push('Mixed tone: positive words, negative emoji');
    } else if (emojiOnly) {
      sentiment = 'negative';
      confidence = EMOJI_ONLY_CONFIDENCE;
      reasons.push('Negative emoji, no complaint in the words');
    } else if (score <= NEGATIVE_TONE) {
      sentiment = 'negative';
      confidence = clamp(0.5 + strength, 0.5, 0.95);
      tonePoints = w.negativeTone.base + w.negativeTone.strength * Math.min(1, strength / 0.5);
      reasons.push('Negative tone');
    } else if (problems.length > 0 && score < PROBLEM_OUTWEIGHS_TONE) {
      sentiment = 'negative';
      confidence = clamp(0.5 + 0.1 * problems.length - Math.max(0, score), 0.4, 0.75);
      tonePoints = w.negativeTone.base;
      reasons.push('Reports a problem');
    } else if (score >= POSITIVE_TONE) {
      sentiment = 'positive';
      confidence = clamp(0.5 + strength, 0.5, 0.95);
      tonePoints = 0;
      reasons.push('Positive tone');
    } else {
      confidence = clamp(0.8 - strength, 0.5, 0.8);
    }
  }

  for (const problem of problems) reasons.push(problem.reason);
  if (reference) reasons.push(reference);
  const complaintPoints = Math.min(w.problemKindsMax, problems.length * w.problemKind) + (reference ? w.reference : 0);

  const followers = Number.isFinite(input.followers) ? Math.max(0, input.followers ?? 0) : 0;
  const followerShare = clamp(Math.log10(followers + 1) / Math.log10(w.followersForFullWeight + 1), 0, 1);
  if (followers >= NOTABLE_FOLLOWERS) reasons.push(`Author has ${compactCount(followers)} followers`);
  if (input.verified === true) reasons.push('Verified author');
  const reachPoints = w.followers * followerShare + (input.verified === true ? w.verified : 0);

  const labelReasons = [...new Set((input.labels ?? []).map((label) => LABEL_REASONS[String(label).trim().toLowerCase()]).filter((reason) => reason !== undefined))];
  reasons.push(...labelReasons);
  const labelPoints = labelReasons.length > 0 ? w.label : 0;

  const priority = Math.round(clamp(tonePoints + complaintPoints + reachPoints + labelPoints, 0, 100));
  return { sentiment, confidence: Math.round(confidence * 100) / 100, score, priority, reasons };
}
