// A send that may have reached X already: after a crash between X accepting a reply (or a direct
// message) and the sender recording it, the next attempt first looks for it at X, so a customer is
// never answered twice. A reply is found among the handle's newest posts (a reply to that post
// with that text); a direct message among the conversation's newest events (from the handle, with
// that text). X turns links into t.co links, so texts are compared without their links.
import type { ActingAs } from '../x/acting-as';

/** How far back a lookup reads: a crash is found on the next start, minutes later at most. */
const LOOKBACK = 100;

const comparable = (text: string) =>
  text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** X's id of the handle's reply to `inReplyToPostId` with this text, when X already has it. */
export async function findSentReply(deps: { actingAs: ActingAs }, input: { accountId: string; inReplyToPostId: string; text: string }): Promise<string | null> {
  const wanted = comparable(input.text);
  return deps.actingAs(input.accountId, async (client) => {
    const page = await client.v2.userTimeline(input.accountId, { max_results: LOOKBACK, 'tweet.fields': ['referenced_tweets'] });
    const found = (page.data.data ?? []).find((post) => post.referenced_tweets?.some((ref) => ref.type === 'replied_to' && ref.id === input.inReplyToPostId) && comparable(post.text) === wanted);
    return found?.id ?? null;
  });
}

/** The handle's message in the conversation with this text (X's id and time), when X already has it. */
export async function findSentDm(deps: { actingAs: ActingAs }, input: { accountId: string; conversationId: string; text: string }): Promise<{ id: string; createdAt: string | null } | null> {
  const wanted = comparable(input.text);
  return deps.actingAs(input.accountId, async (client) => {
    const page = await client.v2.listDmEventsOfConversation(input.conversationId, { max_results: LOOKBACK, event_types: 'MessageCreate', 'dm_event.fields': ['sender_id', 'text', 'created_at'] });
    const found = page.events.find((event) => event.event_type === 'MessageCreate' && event.sender_id === input.accountId && comparable(event.text ?? '') === wanted);
    return found ? { id: found.id, createdAt: found.created_at ?? null } : null;
  });
}

/** X's id of the handle's new post (not a reply) with this text, when X already has it. */
export async function findSentPost(deps: { actingAs: ActingAs }, input: { accountId: string; text: string }): Promise<string | null> {
  const wanted = comparable(input.text);
  return deps.actingAs(input.accountId, async (client) => {
    const page = await client.v2.userTimeline(input.accountId, { max_results: LOOKBACK, 'tweet.fields': ['referenced_tweets'] });
    const found = (page.data.data ?? []).find((post) => !post.referenced_tweets?.some((ref) => ref.type === 'replied_to') && comparable(post.text) === wanted);
    return found?.id ?? null;
  });
}
