// X Activity API lines → DMs and posts: the legacy message_create shape X documents for dm.*
// events becomes the same DmEvent the DM poller makes; anything malformed is refused, not thrown.
import { describe, expect, it } from 'vitest';
import { readActivityEvent } from '../../src/main/core/x/activity';

const dmLine = (eventType: string, overrides: Record<string, unknown> = {}) => ({
  data: {
    event_type: eventType,
    event_uuid: '1800000000000000001',
    filter: { user_id: '200' },
    payload: {
      direct_message_events: [
        {
          type: 'message_create',
          id: '1900000000000000001',
          created_timestamp: '1764756000000',
          message_create: {
            target: { recipient_id: '200' },
            sender_id: '1000',
            message_data: { text: 'Ref #AB12 &amp; bag', entities: { hashtags: [{ text: 'AB12', indices: [4, 9] }], symbols: [], user_mentions: [], urls: [] } },
          },
          ...overrides,
        },
      ],
      users: { '1000': { data: { id: '1000', name: 'Dana', username: 'dana' } } },
    },
  },
});

describe('Activity API events', () => {
  it('reads a dm.received as the handle’s DM, with X’s one-to-one conversation id', () => {
    const event = readActivityEvent(dmLine('dm.received'));
    expect(event?.kind).toBe('dm');
    if (event?.kind !== 'dm') return;
    expect(event.userId).toBe('200');
    expect(event.batch.events).toEqual([
      expect.objectContaining({
        id: '1900000000000000001',
        conversationId: '200-1000',
        senderId: '1000',
        text: 'Ref #AB12 & bag',
        createdAt: new Date(1764756000000).toISOString(),
      }),
    ]);
    expect(event.batch.events[0]!.participantIds.sort()).toEqual(['1000', '200']);
    expect(event.batch.events[0]!.entities.hashtags).toEqual([{ start: 4, end: 9, tag: 'AB12' }]);
    expect(event.batch.authors.map((a) => a.username)).toEqual(['dana']);
  });

  it('refuses malformed lines instead of throwing', () => {
    for (const bad of [null, 42, 'text', {}, { data: {} }, dmLine('dm.sent', { id: 'not-a-number', sender_id: 'x' }), dmLine('dm.sent', { created_timestamp: 'soon' })]) {
      expect(readActivityEvent(bad)).toBeNull();
    }
  });

  it('reads a mention as the post, and leaves one with media to the stream or poll that carry it', () => {
    const mention = (payload: Record<string, unknown>) => ({
      data: { event_type: 'post.mention.create', filter: { user_id: '200' }, payload: { id: '1900000000000000002', author_id: '1000', text: '@AcmeAir help', ...payload }, includes: { users: [{ id: '1000', name: 'Dana', username: 'dana' }] } },
    });
    const plain = readActivityEvent(mention({}));
    expect(plain?.kind === 'mention' && plain.batch.posts.map((p) => p.id)).toEqual(['1900000000000000002']);
    expect(readActivityEvent(mention({ attachments: { media_keys: ['3_1'] } }))?.kind).toBe('other');
    expect(readActivityEvent({ data: { event_type: 'profile.update.bio', payload: {} } })?.kind).toBe('other');
  });
});
