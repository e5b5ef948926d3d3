// Users: /2/users/me, /2/users/:id, /2/users?ids=, /2/users/by/username/:username.
import { resourceNotFound, type ProblemBody } from '../http/problems';
import { json, type Route, type SandboxRequest } from '../http/types';
import type { SandboxUser } from '../state/users';
import { renderUser } from '../wire/render';
import { callingUser, fields, isProblem, userOf } from './common';

function single(request: SandboxRequest, user: SandboxUser | ProblemBody) {
  if (isProblem(user)) return json(200, { errors: [user] });
  return json(200, { data: renderUser(user, fields(request).user) });
}

export const routes: Route[] = [
  { operationId: 'getUsersMe', handle: (request) => single(request, callingUser(request)) },
  { operationId: 'getUsersById', handle: (request, context) => single(request, userOf(request, context)) },
  {
    operationId: 'getUsersByUsername',
    handle: (request, context) => {
      const username = request.params.username!;
      return single(request, context.users.byUsername(username) ?? resourceNotFound('user', 'username', username, 'username'));
    },
  },
  {
    operationId: 'getUsersByIds',
    handle: (request, context) => {
      const selection = fields(request).user;
      const data: ReturnType<typeof renderUser>[] = [];
      const errors: ProblemBody[] = [];
      for (const raw of request.query.ids!.split(',')) {
        const id = BigInt(raw).toString();
        const user = context.users.get(id);
        if (user) data.push(renderUser(user, selection));
        else errors.push(resourceNotFound('user', 'ids', id));
      }
      return json(200, { ...(data.length > 0 ? { data } : {}), ...(errors.length > 0 ? { errors } : {}) });
    },
  },
];
