// A column's newest posts as an Atom feed (through the `feed` library) and a JSON Feed 1.1 (a JSON
// document: `feed` writes only JSON Feed version 1, so the 1.1 shape is built here, typed).
import { Feed } from 'feed';
import { postUrl, type Column, type PostView } from '../../../shared/domain';

export interface FeedUrls {
  atom: string;
  json: string;
}

export interface FeedSource {
  column: Column;
  /** The brand handle's username (the feed's home page is its profile on X). */
  handleUsername: string | null;
  /** Newest first. */
  posts: readonly PostView[];
  urls: FeedUrls;
}

const TITLE_LENGTH = 80;
const GENERATOR = 'Deckhand';

/** Posts have no title: a reader shows the text's start, cut at a word where one is near. */
export function entryTitle(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const characters = [...flat];
  if (characters.length <= TITLE_LENGTH) return flat;
  const cut = characters.slice(0, TITLE_LENGTH - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return `${lastSpace > TITLE_LENGTH / 2 ? cut.slice(0, lastSpace) : cut}…`;
}

/** The Atom title and content are declared HTML: a post's text must show as text, never as markup. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const profileUrl = (username: string) => `https://x.com/${encodeURIComponent(username)}`;
const authorName = (post: PostView) => `${post.author.name} (@${post.author.username})`;
const homePage = (source: FeedSource) => (source.handleUsername ? profileUrl(source.handleUsername) : 'https://x.com/');
const description = (source: FeedSource) => `The newest posts of the Deckhand column “${source.column.title}”`;

export function atomFeed(source: FeedSource): string {
  const newest = source.posts[0];
  const feed = new Feed({
    id: `urn:deckhand:column:${source.column.id}`,
    title: source.column.title,
    description: description(source),
    link: homePage(source),
    updated: newest ? new Date(newest.createdAt) : new Date(0),
    generator: GENERATOR,
    feedLinks: { atom: source.urls.atom, json: source.urls.json },
  });
  for (const post of source.posts) {
    const link = postUrl(post.author.username, post.id);
    feed.addItem({
      id: link,
      title: escapeHtml(entryTitle(post.text)),
      link,
      date: new Date(post.createdAt),
      published: new Date(post.createdAt),
      content: escapeHtml(post.text),
      author: [{ name: authorName(post), link: profileUrl(post.author.username) }],
    });
  }
  return feed.atom1();
}

/** https://www.jsonfeed.org/version/1.1/ — the fields Deckhand fills. */
interface JsonFeed11 {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_text: string;
    date_published: string;
    authors: { name: string; url: string }[];
    language?: string;
  }[];
}

export function jsonFeed(source: FeedSource): string {
  const document: JsonFeed11 = {
    version: 'https://jsonfeed.org/version/1.1',
    title: source.column.title,
    home_page_url: homePage(source),
    feed_url: source.urls.json,
    description: description(source),
    items: source.posts.map((post) => ({
      id: post.id,
      url: postUrl(post.author.username, post.id),
      title: entryTitle(post.text),
      content_text: post.text,
      date_published: new Date(post.createdAt).toISOString(),
      authors: [{ name: authorName(post), url: profileUrl(post.author.username) }],
      ...(post.lang ? { language: post.lang } : {}),
    })),
  };
  return JSON.stringify(document);
}
