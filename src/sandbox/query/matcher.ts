// Compiles a parsed query into a predicate over posts. Compiled once per rule or search, run
// against every new post, so the per-post work is set lookups.
import { isCjk, type QueryNode } from './ast';
import type { MatchTarget } from './target';

export type Matcher = (target: MatchTarget) => boolean;

export function compileQuery(node: QueryNode): Matcher {
  switch (node.kind) {
    case 'and': {
      const items = node.items.map(compileQuery);
      return (t) => items.every((match) => match(t));
    }
    case 'or': {
      const items = node.items.map(compileQuery);
      return (t) => items.some((match) => match(t));
    }
    case 'not': {
      const item = compileQuery(node.item);
      return (t) => !item(t);
    }
    case 'keyword':
    case 'phrase':
      return words(node.tokens, node.text);
    case 'mention':
      return (t) => t.mentions.has(node.value);
    case 'hashtag':
      return (t) => t.hashtags.has(node.value);
    case 'cashtag':
      return (t) => t.cashtags.has(node.value);
    case 'operator':
      return operator(node.name, node.value);
  }
}

/** A keyword or phrase: its tokens in a row, or a substring for CJK and symbol-only terms (emoji). */
function words(tokens: readonly string[], text: string): Matcher {
  if (tokens.length === 0 || isCjk(text)) return (t) => t.lowerText.includes(text);
  if (tokens.length === 1) {
    const only = tokens[0]!;
    return (t) => t.tokens.has(only);
  }
  const first = tokens[0]!;
  return (t) => {
    if (!t.tokens.has(first)) return false;
    const list = t.tokenList;
    for (let start = list.indexOf(first); start >= 0 && start + tokens.length <= list.length; start = list.indexOf(first, start + 1)) {
      let index = 1;
      while (index < tokens.length && list[start + index] === tokens[index]) index++;
      if (index === tokens.length) return true;
    }
    return false;
  };
}

function operator(name: string, value: string): Matcher {
  switch (name) {
    case 'from':
      return (t) => t.authorUsername === value || t.authorId === value;
    case 'to':
      return (t) => t.replyToUsername === value || t.replyToUserId === value;
    case 'lang':
      return (t) => t.lang === value;
    case 'url':
      return (t) => t.urls.some((url) => url.includes(value));
    case 'conversation_id':
      return (t) => t.conversationId === value;
    case 'in_reply_to_tweet_id':
      return (t) => t.inReplyToPostId === value;
    case 'quotes_of_tweet_id':
      return (t) => t.quoteOfPostId === value;
    case 'retweets_of':
      return (t) => t.retweetOfUsername === value.replace(/^@/, '');
    case 'is':
      return isOperator(value);
    case 'has':
      return hasOperator(value);
    default:
      return () => false;
  }
}

function isOperator(value: string): Matcher {
  switch (value) {
    case 'retweet':
      return (t) => t.isRetweet;
    case 'reply':
      return (t) => t.isReply;
    case 'quote':
      return (t) => t.isQuote;
    case 'verified':
      return (t) => t.authorVerified;
    default:
      return () => false; // nullcast: the sandbox has no promoted-only posts
  }
}

function hasOperator(value: string): Matcher {
  switch (value) {
    case 'links':
      return (t) => t.urls.length > 0 || t.hasMedia;
    case 'media':
      return (t) => t.hasMedia;
    case 'images':
      return (t) => t.hasImages;
    case 'videos':
      return (t) => t.hasVideos;
    case 'mentions':
      return (t) => t.mentions.size > 0;
    case 'hashtags':
      return (t) => t.hashtags.size > 0;
    case 'cashtags':
      return (t) => t.cashtags.size > 0;
    default:
      return () => false;
  }
}
