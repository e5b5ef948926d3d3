// The X Activity API's stream (GET /2/activity/stream): every sandbox event that a subscription
// asks for goes, as one line per subscription, to each open connection of the app. Events:
// dm.sent and dm.received for one-to-one messages (X's legacy DM events do not cover group
// conversations), and post.mention.create when a post @mentions the subscribed user in its text
// (not for reposts, nor for authors with protected posts). Keep-alives and faults come from
// connections.ts, as on the filtered stream.
import type { ServerResponse } from 'node:http';
import type { Clock } from '../../shared/clock';
import type { Fault } from '../faults';
import type { ActivitySubscription, ActivitySubscriptionStore, DeliveredEventType } from '../state/activity';
import type { DmConversation, SandboxDmEvent } from '../state/dms';
import { SnowflakeIds } from '../state/ids';
import type { SandboxPost } from '../state/posts';
import type { UserStore } from '../state/users';
import { activityLine, dmPayload, mentionPayload } from '../wire/activity';
import { LineConnections } from './connections';

export interface ActivityHubOptions {
  clock: Clock;
  keepAliveMs: number;
  users: UserStore;
  subscriptions: ActivitySubscriptionStore;
}

export class ActivityHub {
  private readonly connections: LineConnections<null>;
  private readonly eventIds = new SnowflakeIds(13);

  constructor(private readonly options: ActivityHubOptions) {
    this.connections = new LineConnections({ clock: options.clock, keepAliveMs: options.keepAliveMs });
  }

  get openCount(): number {
    return this.connections.openCount;
  }

  open(res: ServerResponse, faults: readonly Fault[]): void {
    this.connections.open(res, null, faults);
  }

  applyFault(fault: Fault): boolean {
    return this.connections.applyFault(fault);
  }

  closeAll(): void {
    this.connections.closeAll();
  }

  dmCreated(event: SandboxDmEvent, conversation: DmConversation): void {
    if (this.connections.openCount === 0 || this.options.subscriptions.size === 0) return;
    if (event.type !== 'MessageCreate' || conversation.group) return;
    const recipientId = [...conversation.participants].find((id) => id !== event.senderId);
    if (recipientId === undefined) return;
    const wanted = [this.subscription('dm.sent', event.senderId), this.subscription('dm.received', recipientId)].filter((found) => found !== undefined);
    if (wanted.length === 0) return;
    const payload = dmPayload(event, recipientId, this.options.users);
    this.deliver(wanted.map((subscription) => activityLine(subscription, this.nextUuid(), payload)));
  }

  postCreated(post: SandboxPost): void {
    if (this.connections.openCount === 0 || this.options.subscriptions.size === 0) return;
    if (post.retweetOfPostId !== null || post.analysed.mentions.length === 0) return;
    const { users } = this.options;
    if (users.get(post.authorId)?.protected) return;
    const wanted: ActivitySubscription[] = [];
    for (const username of new Set(post.analysed.mentions)) {
      const user = users.byUsername(username);
      const subscription = user && user.id !== post.authorId ? this.subscription('post.mention.create', user.id) : undefined;
      if (subscription) wanted.push(subscription);
    }
    if (wanted.length === 0) return;
    const { payload, includes } = mentionPayload(post, users);
    this.deliver(wanted.map((subscription) => activityLine(subscription, this.nextUuid(), payload, includes)));
  }

  private subscription(eventType: DeliveredEventType, userId: string): ActivitySubscription | undefined {
    return this.options.subscriptions.forUser(eventType, userId);
  }

  private deliver(lines: readonly string[]): void {
    this.connections.broadcast(() => lines);
  }

  private nextUuid(): string {
    return this.eventIds.next(Math.floor(this.options.clock.now()));
  }
}
