// A core in its own process, for crash tests: opens the demo workspace in DATA_DIR against the
// sandbox at SANDBOX_URL, makes sure a "@AcmeAir" search column exists, and runs until killed.
// Prints "core child ready COLUMN_ID" once it streams. With SEND_REPLY (JSON: { to, text }) it
// then replies as @AcmeAir to post `to`, for the outbox's crash test.
import { createCore } from '../../src/main/core/core';
import { SOLO_AGENT } from '../../src/main/core/rpc/caller';
import { MemoryPreferenceStore, MemorySecretStore } from '../../src/main/core/ports';
import type { Column } from '../../src/shared/domain';

const sandboxUrl = process.env.SANDBOX_URL;
const dataDir = process.env.DATA_DIR;
if (!sandboxUrl || !dataDir) throw new Error('SANDBOX_URL and DATA_DIR are required');

const quiet = { info() {}, warn() {}, error: (message: string, fields?: Record<string, unknown>) => console.error(message, fields) };
const core = createCore({
  dataDir,
  secrets: new MemorySecretStore(),
  preferences: new MemoryPreferenceStore(),
  logger: quiet,
  xApiBase: sandboxUrl,
  demo: { sandboxUrl },
  engine: { stallMs: 1_000, downtimeFillMs: 300, reconnect: { networkStepMs: 50, networkMaxMs: 500, httpStartMs: 100, httpMaxMs: 1_000, rateLimitStartMs: 300 } },
});
await core.start();
const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
  const answer = await core.dispatch(method, input, SOLO_AGENT);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as T;
};
const columns = await call<Column[]>('listColumns');
let column = columns.find((c) => c.kind === 'search' && c.query === '@AcmeAir');
if (!column) {
  const accounts = await call<{ id: string; username: string }[]>('listAccounts');
  const acme = accounts.find((a) => a.username === 'AcmeAir')!;
  column = await call<Column>('createColumn', { kind: 'search', accountId: acme.id, query: '@AcmeAir' });
}
console.log(`core child ready ${column.id}`);
if (process.env.SEND_REPLY) {
  const reply = JSON.parse(process.env.SEND_REPLY) as { to: string; text: string };
  void call('replyToPost', { accountId: column.accountId, inReplyToPostId: reply.to, text: reply.text }).catch((error: unknown) => console.error('reply failed', error));
}
process.on('SIGTERM', () => void core.close().then(() => process.exit(0)));
