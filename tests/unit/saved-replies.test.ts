import { describe, expect, it } from 'vitest';
import { caseNumber, fillSavedReply, matchSavedReplies, savedRepliesFrom, savedRepliesSchema, savedReplySchema } from '../../src/shared/saved-replies';

const values = { customer: { name: 'Rina Kato', username: 'rina_k' }, agent: { displayName: 'Ann  Owner' }, casePostId: '2128563053212471296' };

describe('filling a saved reply', () => {
  it('puts in the customer, the agent and the case', () => {
    expect(fillSavedReply('Hi {customer.name}, {agent.first_name} here about case {case.id} ({customer.username})', values)).toBe('Hi Rina Kato, Ann here about case #71296 (@rina_k)');
  });

  it('uses the fallback when a value is unknown or empty, and nothing without one', () => {
    const unknown = { customer: { name: '  ', username: 'rina_k' }, agent: null, casePostId: null };
    expect(fillSavedReply('Hi {customer.name|there}, {agent.first_name|the team} here{case.id}', unknown)).toBe('Hi there, the team here');
    expect(fillSavedReply('Hi {customer.name|there}!', values)).toBe('Hi Rina Kato!');
  });

  it('leaves braces that are not variables as they are', () => {
    expect(fillSavedReply('Use code {SAVE10} or {}', values)).toBe('Use code {SAVE10} or {}');
  });

  it('shows a case as cards do', () => {
    expect(caseNumber('2128563053212471296')).toBe('#71296');
  });
});

describe('checking saved replies', () => {
  it('names an unknown variable and lists the known ones', () => {
    const parsed = savedReplySchema.safeParse({ id: 'a', name: 'Refund', text: 'Hi {customer.first_name}' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('Unknown variable {customer.first_name}: use {customer.name}, {customer.username}, {agent.first_name}, {case.id}');
  });

  it('refuses two replies of one name, an empty one, and keeps what it can read', () => {
    expect(savedRepliesSchema.safeParse([{ id: 'a', name: 'Refund', text: 'x' }, { id: 'b', name: 'refund', text: 'y' }]).error?.issues[0]?.message).toBe('Two saved replies are named “refund”');
    expect(savedReplySchema.safeParse({ id: 'a', name: 'Empty', text: '  ' }).error?.issues[0]?.message).toBe('A saved reply cannot be empty');
    expect(savedRepliesFrom('not a list')).toEqual([]);
    expect(savedRepliesFrom([{ id: 'a', name: 'Hi', text: 'Hello' }])).toEqual([{ id: 'a', name: 'Hi', text: 'Hello' }]);
  });
});

describe('finding a saved reply after /', () => {
  const replies = [
    { id: '1', name: 'Lost bag', text: 'Sorry about your bag, {customer.name|there}' },
    { id: '2', name: 'Refund', text: 'Your refund for the lost flight is on its way' },
    { id: '3', name: 'Move to DM', text: 'Please DM us' },
  ];
  it('lists names that match first, then texts, every word matching', () => {
    expect(matchSavedReplies(replies, 'lost').map((reply) => reply.id)).toEqual(['1', '2']);
    expect(matchSavedReplies(replies, 'lost flight').map((reply) => reply.id)).toEqual(['2']);
    expect(matchSavedReplies(replies, '').map((reply) => reply.id)).toEqual(['1', '2', '3']);
    expect(matchSavedReplies(replies, 'nothing')).toEqual([]);
  });
});
