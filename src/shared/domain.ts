// Plain data shapes shared by the core and the renderer. JSON only: no classes, no Dates.

export type Permission = 'read' | 'reply' | 'dm' | 'post' | 'assign' | 'manage';

export const ALL_PERMISSIONS: readonly Permission[] = ['read', 'reply', 'dm', 'post', 'assign', 'manage'];

export type WorkspaceMode = 'demo' | 'x';

export interface Workspace {
  mode: WorkspaceMode;
  /** Where the core sends X traffic: X itself or a sandbox. */
  apiBase: string;
}

export type AccountStatus = 'connected' | 'reconnect_needed';

export interface Account {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
  status: AccountStatus;
}

export interface Author {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
  verified: boolean;
  followersCount: number;
}

/** Offsets count Unicode code points of the (unescaped) post text. */
export interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expandedUrl: string;
  displayUrl: string;
}

export interface MentionEntity {
  start: number;
  end: number;
  username: string;
}

export interface TagEntity {
  start: number;
  end: number;
  tag: string;
}

export interface PostEntities {
  urls: UrlEntity[];
  mentions: MentionEntity[];
  hashtags: TagEntity[];
  cashtags: TagEntity[];
}

export interface Post {
  id: string;
  /** Unescaped text (X sends `&amp;`; the core decodes it once). */
  text: string;
  createdAt: string;
  authorId: string;
  conversationId: string | null;
  inReplyToUserId: string | null;
  inReplyToPostId: string | null;
  lang: string | null;
  entities: PostEntities;
}

export interface PostView extends Post {
  author: Author;
}

export type ColumnKind = 'search';

export interface Column {
  id: string;
  kind: ColumnKind;
  accountId: string;
  title: string;
  query: string;
  position: number;
}

export type ColumnSourceState = 'connecting' | 'streaming' | 'polling' | 'paused' | 'error';

export interface ColumnStatus {
  columnId: string;
  state: ColumnSourceState;
  message: string | null;
}

export const EMPTY_ENTITIES: PostEntities = Object.freeze({ urls: [], mentions: [], hashtags: [], cashtags: [] });
