// Alerts beyond the window, end to end in the core: a keyword rule hears a post the sandbox
// writes (once, though two columns take it in), the renderer is told, and the e-mail digest goes
// through a real SMTP server on this computer, signed in with the password the OS keychain holds
// (read at send time, never sent to the renderer). Runs under scripts/with-keyring.sh.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { KeytarSecretStore } from '../../src/main/core/secrets/keytar-store';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index';
import type { AlertRule, AlertView } from '../../src/shared/alerts';
import type { DigestStatus } from '../../src/shared/alert-digest';
import type { CommandInput, CommandName, CommandResult } from '../../src/shared/contract';
import type { Envelope } from '../../src/shared/errors';
import { eventually, sandboxAdmin } from '../helpers/sandbox';
import { silentLogger, tempDir } from '../helpers/temp';

const keyring = process.env.DECKHAND_TEST_KEYRING === '1';
if (!keyring) console.warn('alert digest tests skipped: no Secret Service here; run them through scripts/with-keyring.sh (npm test does)');

const SMTP_PASSWORD_KEY = 'smtp:password';

interface Received {
  user: string | undefined;
  password: string | undefined;
  mail: ParsedMail;
}

/** A real SMTP server on 127.0.0.1 that takes one user, signed in with whatever password `accepts` holds now. */
async function startSmtp(accepts: { password: string }) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: false,
    // Plain text on loopback only: the digest refuses "no TLS" for any other host.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'ann' && auth.password === accepts.password) callback(null, { user: `${auth.username}\u0000${auth.password ?? ''}` });
      else callback(new Error('535 5.7.8 Authentication credentials invalid'));
    },
    onData(stream, session, callback) {
      const [user, password] = String(session.user).split('\u0000');
      simpleParser(stream)
        .then((mail) => {
          received.push({ user, password, mail });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.skipIf(!keyring)('alerts and the e-mail digest', () => {
  const keychain = new KeytarSecretStore(`Deckhand-test-${randomUUID()}`);
  const accepts = { password: 'first-password' };
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sandbox: RunningSandbox;
  let core: Core;
  const dataDir = tempDir();
  const events: { name: string; payload: unknown }[] = [];

  const call = <K extends CommandName>(method: K, input: CommandInput<K>) => core.dispatch(method, input, SOLO_AGENT) as Promise<Envelope<CommandResult<K>>>;
  const ok = async <K extends CommandName>(method: K, input: CommandInput<K>) => {
    const answer = await call(method, input);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
    return answer.value;
  };
  const alerts = () => events.filter((event) => event.name === 'alert').map((event) => event.payload as AlertView);

  beforeAll(async () => {
    smtp = await startSmtp(accepts);
    sandbox = await startSandbox({});
    core = createCore({
      dataDir: dataDir.path,
      secrets: new MemorySecretStore(),
      // The OS keychain, as the desktop gives it: the SMTP password lives there, also in the demo workspace.
      appSecrets: keychain,
      preferences: new MemoryPreferenceStore(),
      logger: silentLogger,
      xApiBase: sandbox.url,
      demo: { sandboxUrl: sandbox.url },
      pollIntervalMs: 200,
    });
    core.events.subscribe((name, payload) => events.push({ name, payload }));
    await core.start();
  });

  afterAll(async () => {
    await core?.close();
    await sandbox?.close();
    await smtp?.close();
    await keychain.delete(SMTP_PASSWORD_KEY);
    dataDir.remove();
  });

  it('alerts once per rule and post, and mails the digest through the SMTP server with the keychain’s password', async () => {
    // The SMTP settings: the password goes to the keychain; the dialog hears only that one is set.
    const saved = await ok('saveDigestSettings', { host: '127.0.0.1', port: smtp.port, tls: 'none', user: 'ann', password: 'first-password', from: 'deckhand@example.com', to: ['ann@example.com'], frequency: 'off' });
    expect(saved).toMatchObject({ passwordSet: true, passwordStorage: 'OS keychain', waiting: 0, lastSentAt: null, lastError: null });
    expect(JSON.stringify(saved)).not.toContain('first-password');
    expect(await keychain.get(SMTP_PASSWORD_KEY)).toBe('first-password');

    const rule: AlertRule = { id: 'lost-bag', kind: 'keyword', keyword: 'lost bag', enabled: true, sound: true, digest: true };
    expect(await ok('saveAlertRules', { rules: [rule] })).toEqual([rule]);
    expect(await ok('getAlertRules', {})).toEqual([rule]);

    // Two columns take the same post in (the demo's own "AcmeAir" search, and one more): the rule alerts once.
    const acme = (await ok('listAccounts', {})).find((account) => account.username === 'AcmeAir');
    if (!acme) throw new Error('the demo workspace has @AcmeAir');
    const demoColumn = (await ok('listColumns', {})).find((column) => column.kind === 'search' && column.query === 'AcmeAir');
    if (!demoColumn) throw new Error('the demo workspace has a search column for AcmeAir');
    const columns = [demoColumn, await ok('createColumn', { kind: 'search', accountId: acme.id, query: 'alertbags' })];
    const connected = async () => (await ok('listColumnStatuses', {})).filter((status) => columns.some((column) => column.id === status.columnId) && status.state !== 'connecting').length === 2;
    await eventually(connected, 10_000, 'both columns connected');
    const admin = sandboxAdmin(sandbox.url);
    const other = await admin.createPost({ author: 'alert_pete', text: '@AcmeAir alertbags my suitcase arrived, thanks' });
    const lost = await admin.createPost({ author: 'alert_vera', text: '@AcmeAir alertbags I have a LOST bag since Tuesday <b>help</b>' });
    for (const column of columns) {
      await eventually(async () => (await ok('listColumnPosts', { columnId: column.id, limit: 50 })).some((post) => post.id === lost.id), 10_000, 'the post in each column');
    }
    await eventually(() => alerts().length > 0, 5_000, 'the alert');
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a second, wrong alert
    expect(alerts()).toEqual([
      expect.objectContaining({ ruleId: 'lost-bag', rule: 'Keyword “lost bag”', kind: 'post', subjectId: lost.id, handleId: acme.id, author: '@alert_vera', sound: true, link: `https://x.com/alert_vera/status/${lost.id}` }),
    ]);
    expect(alerts().some((alert) => alert.subjectId === other.id)).toBe(false);
    expect((await ok('getDigestStatus', {})).waiting).toBe(1);

    // The password changes in the keychain alone (as another Deckhand window or the OS keychain app
    // would): the digest signs in with the one the keychain holds at send time.
    await keychain.set(SMTP_PASSWORD_KEY, 'rotated-in-keychain');
    accepts.password = 'rotated-in-keychain';
    const sent = await ok('sendDigestNow', {});
    expect(sent).toMatchObject({ sent: 1, status: { waiting: 0, lastError: null, lastSentAt: expect.any(Number) } });
    expect(smtp.received).toHaveLength(1);
    const [{ user, password, mail }] = smtp.received as [Received];
    expect({ user, password }).toEqual({ user: 'ann', password: 'rotated-in-keychain' });
    expect(mail.subject).toBe('Deckhand: 1 alert');
    expect(mail.from?.text).toBe('deckhand@example.com');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : null).toBe('ann@example.com');
    expect(mail.text).toContain('Keyword “lost bag” — @alert_vera posted');
    expect(mail.text).toContain('I have a LOST bag since Tuesday <b>help</b>');
    expect(mail.text).toContain(`https://x.com/alert_vera/status/${lost.id}`);
    expect(mail.html).toContain('I have a LOST bag since Tuesday &lt;b&gt;help&lt;/b&gt;');
    expect(mail.text).not.toContain('suitcase');

    // Sent alerts are not sent again.
    expect(await ok('sendDigestNow', {})).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);

    // A password the server refuses: the dialog is told why, never the password.
    await keychain.set(SMTP_PASSWORD_KEY, 'a-wrong-password');
    const refused = await call('sendTestEmail', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'upstream', message: expect.stringContaining(`The SMTP server at 127.0.0.1:${smtp.port} refused the user name or password`) } });
    expect(JSON.stringify(refused)).not.toContain('a-wrong-password');

    // Nothing the renderer was sent or can ask for holds a password.
    const everything = JSON.stringify([events, await ok('getDigestStatus', {})]);
    for (const secret of ['first-password', 'rotated-in-keychain', 'a-wrong-password']) expect(everything).not.toContain(secret);
  });

  it('saves no setting when the SMTP input is wrong, and removes the password when asked', async () => {
    const before = (await ok('getDigestStatus', {})) satisfies DigestStatus;
    const refused = await call('saveDigestSettings', { host: 'smtp.example.com', port: 25, tls: 'none', user: 'ann', password: 'x', from: 'deckhand@example.com', to: ['ann@example.com'], frequency: 'daily' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Without TLS') } });
    expect(await ok('getDigestStatus', {})).toEqual(before);

    const { settings } = before;
    if (!settings) throw new Error('settings were saved');
    expect(await ok('saveDigestSettings', { ...settings, password: null })).toMatchObject({ passwordSet: false });
    expect(await keychain.get(SMTP_PASSWORD_KEY)).toBeNull();
    expect(await call('sendTestEmail', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('No SMTP password is saved for ann') } });
  });
});
