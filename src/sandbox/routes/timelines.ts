// Timelines: a user's mentions (newest 800), posts (newest 3,200) and home timeline (own and
// followed accounts' posts, newest 800), paged like search; since_id wins over start_time and
// until_id over end_time, as X documents.
import type { SandboxContext } from '../context';
import { problems } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import { compareIds } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import { renderPosts } from '../wire/render';
import { callingUser, canSee, fields, isProblem, userOf } from './common';
import { pageOf, pageQueryOf } from './paging';

function timeline(request: SandboxRequest, context: SandboxContext, candidates: readonly SandboxPost[], cap: number, defaultMax: number, keep: (post: SandboxPost) => boolean = () => true) {
  const page = pageQueryOf(request.query, defaultMax);
  if (page.sinceId) delete page.startTime;
  if (page.untilId) delete page.endTime;
  const reachable = candidates.length > cap ? candidates.slice(-cap) : candidates;
  const { posts, meta } = pageOf(reachable, (post) => canSee(post, request.caller, context) && keep(post), page);
  context.usage.record(posts.length);
  return json(200, { ...renderPosts(posts, fields(request), context.lookup), meta });
}

function excluding(request: SandboxRequest): (post: SandboxPost) => boolean {
  const exclude = new Set((request.query.exclude ?? '').split(','));
  return (post) => !(exclude.has('replies') && post.inReplyToPostId) && !(exclude.has('retweets') && post.retweetOfPostId);
}

export const routes: Route[] = [
  {
    operationId: 'getUsersMentions',
    handle: (request, context) => {
      const user = userOf(request, context);
      if (isProblem(user)) return json(200, { errors: [user] });
      return timeline(request, context, context.posts.mentioning(user.username), 800, 10);
    },
  },
  {
    operationId: 'getUsersPosts',
    handle: (request, context) => {
      const user = userOf(request, context);
      if (isProblem(user)) return json(200, { errors: [user] });
      return timeline(request, context, context.posts.byAuthorId(user.id), 3_200, 10, excluding(request));
    },
  },
  {
    operationId: 'getUsersTimeline',
    handle: (request, context) => {
      const me = callingUser(request);
      if (BigInt(request.params.id!).toString() !== me.id) throw problems.forbidden('You can only read the home timeline of the authenticating user.');
      const authors = [me.id, ...me.following];
      const merged = authors.flatMap((id) => context.posts.byAuthorId(id).slice(-800)).sort((a, b) => compareIds(a.id, b.id));
      return timeline(request, context, merged, 800, 100, excluding(request));
    },
  },
];
