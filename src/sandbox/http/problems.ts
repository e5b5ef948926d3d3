// X's error bodies: RFC 7807 Problem objects of the types the spec lists, with X's wording.

const PROBLEMS = 'https://api.twitter.com/2/problems/';

export interface ProblemBody {
  type: string;
  title: string;
  detail?: string;
  status?: number;
  [extra: string]: unknown;
}

/** An error answer: the HTTP status, the Problem body and any extra headers. */
export class ProblemReply {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
    readonly headers: Record<string, string> = {},
  ) {}
}

export interface ParameterError {
  parameters: Record<string, string[]>;
  message: string;
}

export const problems = {
  /** 400 for bad parameters: one entry per problem, as X lists them. */
  invalidRequest: (errors: ParameterError[]) =>
    new ProblemReply(400, {
      errors,
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEMS}invalid-request`,
    }),
  unauthorized: () => new ProblemReply(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }),
  forbidden: (detail: string) => new ProblemReply(403, { detail, type: 'about:blank', title: 'Forbidden', status: 403 }),
  unsupportedAuthentication: (detail: string) =>
    new ProblemReply(403, { title: 'Unsupported Authentication', detail, type: `${PROBLEMS}unsupported-authentication`, status: 403 }),
  /** The app's access level does not include this endpoint (e.g. the filtered stream). */
  clientNotEnrolled: () =>
    new ProblemReply(403, {
      client_id: 'sandbox',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: `${PROBLEMS}client-forbidden`,
    }),
  notFound: () => new ProblemReply(404, { title: 'Not Found Error', detail: 'Sorry, that page does not exist.', type: 'about:blank', status: 404 }),
  tooManyRequests: () => new ProblemReply(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }),
  usageCapped: (period: 'Daily' | 'Monthly') =>
    new ProblemReply(429, {
      title: 'UsageCapExceeded',
      detail: `Usage cap exceeded: ${period === 'Monthly' ? 'Monthly product cap' : 'Daily product cap'}`,
      type: `${PROBLEMS}usage-capped`,
      period,
      scope: 'Product',
    }),
  tooManyConnections: () =>
    new ProblemReply(429, {
      title: 'ConnectionException',
      detail: 'This stream is currently at the maximum allowed connection limit.',
      connection_issue: 'TooManyConnections',
      type: `${PROBLEMS}streaming-connection`,
    }),
  httpError: (status: number) => new ProblemReply(status, { title: statusTitle(status), detail: statusTitle(status), type: 'about:blank', status }),
};

/** A post or user that does not exist (or was deleted), as an item of a 200 answer's `errors`. */
export function resourceNotFound(resourceType: 'tweet' | 'user', parameter: string, value: string, what = 'id'): ProblemBody {
  return {
    value,
    detail: `Could not find ${resourceType} with ${what}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEMS}resource-not-found`,
  };
}

/** The message the stream sends before X closes it for operational reasons. */
export function operationalDisconnect(disconnectType: 'OperationalDisconnect' | 'SlowReader' = 'OperationalDisconnect'): { errors: ProblemBody[] } {
  return {
    errors: [
      {
        title: 'operational-disconnect',
        disconnect_type: disconnectType,
        detail: 'This stream has been disconnected for operational reasons.',
        type: `${PROBLEMS}operational-disconnect`,
      },
    ],
  };
}

export const PROBLEM_TYPES = {
  invalidRules: `${PROBLEMS}invalid-rules`,
  duplicateRules: `${PROBLEMS}duplicate-rules`,
  ruleCap: `${PROBLEMS}rule-cap`,
  invalidRequest: `${PROBLEMS}invalid-request`,
} as const;

function statusTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return titles[status] ?? 'Error';
}
