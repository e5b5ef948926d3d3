// Every fault kind of POST /_sandbox/faults, as a client meets it.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/shared/clock';
import { openStream, rig, tick, type Rig } from './support';

async function streamWithRule(made: Rig) {
  await made.send('POST', '/2/tweets/search/stream/rules', { add: [{ value: 'refund', tag: 't' }] });
  return openStream(made.sandbox.url, made.app);
}

describe('stream faults', () => {
  it('disconnect: X\'s operational-disconnect message, then the connection closes', async () => {
    const made = await rig();
    const stream = await streamWithRule(made);
    expect(await made.admin.fault({ kind: 'disconnect' })).toMatchObject({ applied: 'open_stream' });
    await stream.ended;
    expect(stream.objects()).toEqual([
      {
        errors: [
          {
            title: 'operational-disconnect',
            disconnect_type: 'OperationalDisconnect',
            detail: 'This stream has been disconnected for operational reasons.',
            type: 'https://api.twitter.com/2/problems/operational-disconnect',
          },
        ],
      },
    ]);
    // The connection is released: the client may reconnect at once.
    const again = await openStream(made.sandbox.url, made.app);
    expect(again.status).toBe(200);
    again.close();
  });

  it('disconnect scheduled with no stream open hits the next one to connect', async () => {
    const made = await rig();
    expect(await made.admin.fault({ kind: 'disconnect' })).toMatchObject({ applied: 'scheduled' });
    const stream = await streamWithRule(made);
    await stream.ended;
    expect(stream.objects()[0]).toHaveProperty('errors.0.disconnect_type', 'OperationalDisconnect');
  });

  it('stall: nothing at all (not even keep-alives) for `seconds`, then what was held arrives', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    const stream = await streamWithRule(made);
    await made.admin.fault({ kind: 'stall', seconds: 60 });
    const { id } = await made.admin.createPost({ author: 'ann', text: 'refund now' });
    clock.advance(59_000);
    await tick(50);
    expect(stream.text()).toBe('');
    clock.advance(1_000);
    await stream.waitFor((s) => s.objects().length === 1, 3_000, 'the held post');
    expect(stream.objects()[0]).toHaveProperty('data.id', id);
    clock.advance(20_000);
    await stream.waitFor((s) => s.text().endsWith('}\r\n\r\n'), 3_000, 'keep-alives again');
    stream.close();
  });

  it('duplicate: the next post is sent twice', async () => {
    const made = await rig();
    const stream = await streamWithRule(made);
    await made.admin.fault({ kind: 'duplicate', count: 1 });
    const first = await made.admin.createPost({ author: 'ann', text: 'refund one' });
    const second = await made.admin.createPost({ author: 'ann', text: 'refund two' });
    await stream.waitFor((s) => s.objects().length === 3, 3_000, 'three lines');
    expect(stream.objects().map((o) => (o.data as { id: string }).id)).toEqual([first.id, first.id, second.id]);
    stream.close();
  });

  it('malformed_line: a line that is not JSON, and the stream goes on', async () => {
    const made = await rig();
    const stream = await streamWithRule(made);
    await made.admin.fault({ kind: 'malformed_line' });
    const { id } = await made.admin.createPost({ author: 'ann', text: 'refund after garbage' });
    await stream.waitFor((s) => s.objects().length === 1, 3_000, 'the post after the garbage');
    const lines = stream.lines();
    expect(lines).toHaveLength(2);
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(stream.objects()[0]).toHaveProperty('data.id', id);
    stream.close();
  });

  it('too_many_connections: the next connection gets the TooManyConnections problem', async () => {
    const made = await rig();
    await made.admin.fault({ kind: 'too_many_connections' });
    const refused = await made.get('/2/tweets/search/stream');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ connection_issue: 'TooManyConnections' });
    expect((await openStream(made.sandbox.url, made.app)).status).toBe(200);
  });
});

describe('request faults', () => {
  it('http_error: the next `count` matching requests get the status, then all is well', async () => {
    const made = await rig();
    await made.admin.fault({ kind: 'http_error', path: '/2/tweets/search/recent', status: 503, count: 2 });
    expect((await made.get('/2/users/by/username/AcmeAir')).status).toBe(200);
    const failed = await made.get('/2/tweets/search/recent?query=refund');
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 });
    expect((await made.get('/2/tweets/search/recent?query=refund')).status).toBe(503);
    expect((await made.get('/2/tweets/search/recent?query=refund')).status).toBe(200);
    expect((await made.admin.requests()).map((r) => r.status)).toEqual([200, 503, 503, 200]);
  });

  it('rate_limit: 429 with the reset `seconds` ahead in x-rate-limit-reset', async () => {
    const clock = new ManualClock();
    const made = await rig({ clock });
    await made.admin.fault({ kind: 'rate_limit', path: '/2/users/*', seconds: 120 });
    const limited = await made.get('/2/users/by/username/AcmeAir');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-rate-limit-reset'))).toBe(clock.now() / 1000 + 120);
  });

  it('disconnect on a request path: the socket drops with no answer', async () => {
    const made = await rig();
    await made.admin.fault({ kind: 'disconnect', path: '/2/tweets' });
    await expect(made.send('POST', '/2/tweets', { text: 'hello' }, made.acme)).rejects.toThrow();
    expect((await made.send('POST', '/2/tweets', { text: 'hello' }, made.acme)).status).toBe(201);
  });

  it('DELETE /_sandbox/faults clears what is scheduled', async () => {
    const made = await rig();
    await made.admin.fault({ kind: 'http_error', count: 5 });
    await made.admin.clearFaults();
    expect((await made.get('/2/users/by/username/AcmeAir')).status).toBe(200);
  });

  it('refuses an unknown fault kind with a clear error', async () => {
    const made = await rig();
    const answer = await made.send('POST', '/_sandbox/faults', { kind: 'meteor' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: expect.stringContaining('kind must be one of disconnect, stall, http_error') });
  });
});
