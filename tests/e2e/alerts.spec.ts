// Alerts in Chromium: the agent opens "Alerts", adds a keyword rule with the digest on, saves it,
// and finds it again after reopening and after a reload; a matching post then arrives as a desktop
// notification naming the rule, also while the deck is in front of them. Then the e-mail digest:
// SMTP settings saved (the password write-only), a test e-mail and the digest through a real SMTP
// server on this computer. And the sound: a match of a rule with "Play a sound" beeps (two tones,
// 880 Hz then 660 Hz, through a stand-in AudioContext that records them); a match of a rule
// without it notifies and stays silent.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { fakeAudio, startedTones } from './audio-stand-in';
import { addColumn } from './deck-helpers';
import { expect, test } from './fixtures';
import { fakeNotifications, notificationLog } from './notification-stand-in';

test('an alert rule is added, saved and kept; a matching post notifies and goes out in the e-mail digest', async ({ page, workspace }) => {
  await fakeNotifications(page, 'granted', 'granted');
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'alertjet' }, 'Search: alertjet');
  await expect(column.getByText('Live')).toBeVisible();

  await page.getByRole('banner').getByRole('button', { name: 'Alerts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Alerts' });
  await dialog.getByRole('button', { name: 'Add alert' }).click();
  const rule = dialog.getByRole('listitem', { name: 'Alert 1' });
  await expect(rule.getByRole('combobox', { name: 'Alert kind' })).toHaveValue('keyword');
  // An empty keyword is refused, saying which alert and why.
  await dialog.getByRole('button', { name: 'Save alerts' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Alert 1: An alert keyword cannot be empty');

  await rule.getByRole('textbox', { name: 'Alert keyword' }).fill('lost luggage');
  await rule.getByRole('checkbox', { name: 'Add to e-mail digest' }).check();
  await rule.getByRole('checkbox', { name: 'Play a sound' }).uncheck();
  await expect(rule.getByRole('checkbox', { name: 'Enabled' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Save alerts' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 alert saved' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Reopened, and after a reload: the rule as saved. The digest's password field shows nothing.
  for (const again of [false, true]) {
    if (again) await page.reload();
    await page.getByRole('banner').getByRole('button', { name: 'Alerts' }).click();
    const saved = dialog.getByRole('listitem', { name: 'Alert 1' });
    await expect(saved.getByRole('textbox', { name: 'Alert keyword' })).toHaveValue('lost luggage');
    await expect(saved.getByRole('checkbox', { name: 'Add to e-mail digest' })).toBeChecked();
    await expect(saved.getByRole('checkbox', { name: 'Play a sound' })).not.toBeChecked();
    await expect(dialog.getByRole('listitem')).toHaveCount(1);
    await expect(dialog.getByLabel('SMTP password')).toHaveValue('');
    await expect(dialog.getByRole('status').filter({ hasText: 'No SMTP server saved yet.' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
  }

  await workspace.admin.createPost({ author: 'alert_fan', text: 'alertjet my Lost Luggage never came back' });
  await workspace.admin.createPost({ author: 'alert_fan', text: 'alertjet lovely flight today' });
  await expect(column.getByRole('article')).toHaveCount(2, { timeout: 5_000 });
  await expect.poll(async () => (await notificationLog(page)).shown.filter((shown) => shown.title.startsWith('Alert:'))).toEqual([
    { title: 'Alert: Keyword “lost luggage”', body: '@alert_fan: alertjet my Lost Luggage never came back' },
  ]);

  // The digest through an SMTP server on this computer that takes Ann with her password.
  const received: ParsedMail[] = [];
  const smtp = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => (auth.username === 'ann' && auth.password === 'smtp-pass-e2e' ? callback(null, { user: 'ann' }) : callback(new Error('535 Authentication failed'))),
    onData: (stream, _session, callback) =>
      void simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      ),
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = smtp.server.address() as AddressInfo;
    await page.getByRole('banner').getByRole('button', { name: 'Alerts' }).click();
    await dialog.getByRole('textbox', { name: 'SMTP host' }).fill('127.0.0.1');
    await dialog.getByRole('spinbutton', { name: 'SMTP port' }).fill(String(port));
    await dialog.getByRole('combobox', { name: 'TLS mode' }).selectOption('none');
    await dialog.getByRole('textbox', { name: 'SMTP user' }).fill('ann');
    await dialog.getByLabel('SMTP password').fill('smtp-pass-e2e');
    await dialog.getByRole('textbox', { name: 'From address' }).fill('deckhand@example.com');
    await dialog.getByRole('textbox', { name: 'To addresses' }).fill('ann@example.com');
    await dialog.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'No digest sent yet. 1 alert waits for the digest.' })).toBeVisible();
    // Write-only: the field is empty again, and says where the password is.
    await expect(dialog.getByLabel('SMTP password')).toHaveValue('');
    await expect(dialog.getByText('Saved in your OS keychain; leave empty to keep it').first()).toBeVisible();

    await dialog.getByRole('button', { name: 'Send test e-mail' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Test e-mail sent to ann@example.com' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Send digest now' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Digest sent with 1 alert' })).toBeVisible();
    await expect(dialog.getByRole('status').filter({ hasText: /^Last digest sent .+\. 0 alerts wait for the digest\.$/ })).toBeVisible();
    expect(received.map((mail) => mail.subject)).toEqual(['Deckhand: test e-mail', 'Deckhand: 1 alert']);
    expect(received[1]?.text).toContain('alertjet my Lost Luggage never came back');
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});

test('a match of a rule with “Play a sound” beeps 880 Hz then 660 Hz; a match of one without it is silent', async ({ page, workspace }) => {
  await fakeNotifications(page, 'granted', 'granted');
  await fakeAudio(page);
  await page.goto(workspace.appUrl);
  const column = await addColumn(page, { kind: 'Search', query: 'alertbeep' }, 'Search: alertbeep');
  await expect(column.getByText('Live')).toBeVisible();

  // Two keyword rules after any this workspace already has (the worker's workspace is shared, so
  // the keywords are words no other spec posts): one beeps, one does not.
  await page.getByRole('banner').getByRole('button', { name: 'Alerts' }).click();
  const dialog = page.getByRole('dialog', { name: 'Alerts' });
  const rules = dialog.getByRole('list', { name: 'Alert rules' }).getByRole('listitem');
  const before = await rules.count();
  for (const [offset, keyword, sound] of [
    [1, 'beepcheck', true],
    [2, 'silentcheck', false],
  ] as const) {
    await dialog.getByRole('button', { name: 'Add alert' }).click();
    const rule = dialog.getByRole('listitem', { name: `Alert ${before + offset}`, exact: true });
    await rule.getByRole('textbox', { name: 'Alert keyword' }).fill(keyword);
    await rule.getByRole('checkbox', { name: 'Play a sound' }).setChecked(sound);
  }
  await dialog.getByRole('button', { name: 'Save alerts' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${before + 2} alerts saved` })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  const alertTitles = async () => (await notificationLog(page)).shown.map((shown) => shown.title).filter((title) => title.startsWith('Alert:'));

  // The silent rule's match: notified, and no tone started (the sound would start in the same handler, before the notification).
  await workspace.admin.createPost({ author: 'beep_fan', text: 'alertbeep silentcheck the seat will not recline' });
  await expect.poll(alertTitles).toEqual(['Alert: Keyword “silentcheck”']);
  expect(await startedTones(page)).toEqual([]);

  // The beeping rule's match: 880 Hz, then 660 Hz started after it.
  await workspace.admin.createPost({ author: 'beep_fan', text: 'alertbeep beepcheck the seat still will not recline' });
  await expect.poll(alertTitles).toEqual(['Alert: Keyword “silentcheck”', 'Alert: Keyword “beepcheck”']);
  const tones = await startedTones(page);
  expect(tones.map((tone) => tone.frequency)).toEqual([880, 660]);
  expect(tones[1]!.at).toBeGreaterThan(tones[0]!.at);
  await expect(column.getByRole('article')).toHaveCount(2);
});
