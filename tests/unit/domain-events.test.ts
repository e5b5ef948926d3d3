import { describe, expect, it } from 'vitest';
import { DomainEvents } from '../../src/main/core/domain-events';
import { DEFAULT_COLUMN_FILTERS, type Column } from '../../src/shared/domain';

const column: Column = {
  id: 'c1',
  kind: 'mentions',
  accountId: '100',
  title: 'Mentions: @AcmeAir',
  position: 0,
  widthPx: 340,
  collapsed: false,
  filters: DEFAULT_COLUMN_FILTERS,
  notifications: true,
  lastReadId: null,
  scroll: { anchorPostId: null, offsetPx: 0 },
};

function recordingLogger() {
  const errors: string[] = [];
  return { errors, logger: { info() {}, warn() {}, error: (message: string, data?: unknown) => errors.push(`${message} ${JSON.stringify(data)}`) } };
}

describe('domain events', () => {
  it('reach only the listeners of their type, in the order they subscribed', async () => {
    const bus = new DomainEvents(recordingLogger().logger);
    const heard: string[] = [];
    bus.on('columnAdded', (event) => void heard.push(`engine:${event.column.id}`));
    bus.on('columnsRemoved', () => void heard.push('removed'));
    bus.on('columnAdded', (event) => void heard.push(`projection:${event.column.title}`));
    await bus.publish({ type: 'columnAdded', column });
    expect(heard).toEqual(['engine:c1', 'projection:Mentions: @AcmeAir']);
  });

  it('publish resolves after the work listeners return, so a command answers once the engine acted', async () => {
    const bus = new DomainEvents(recordingLogger().logger);
    let placed = false;
    bus.on('columnAdded', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      placed = true;
    });
    await bus.publish({ type: 'columnAdded', column });
    expect(placed).toBe(true);
  });

  it('a failing listener is logged and neither stops the others nor fails the publisher', async () => {
    const { logger, errors } = recordingLogger();
    const bus = new DomainEvents(logger);
    const heard: string[] = [];
    bus.on('muteListChanged', () => {
      throw new Error('boom');
    });
    bus.on('muteListChanged', async () => {
      throw new Error('async boom');
    });
    bus.on('muteListChanged', ({ list }) => void heard.push(list.words.join(',')));
    await expect(bus.publish({ type: 'muteListChanged', list: { words: ['spoiler'], users: [] } })).resolves.toBeUndefined();
    expect(heard).toEqual(['spoiler']);
    expect(errors).toHaveLength(2);
    expect(errors.join('\n')).toMatch(/muteListChanged.*boom/s);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const bus = new DomainEvents(recordingLogger().logger);
    let count = 0;
    const off = bus.on('columnAdded', () => void count++);
    await bus.publish({ type: 'columnAdded', column });
    off();
    await bus.publish({ type: 'columnAdded', column });
    expect(count).toBe(1);
  });
});
