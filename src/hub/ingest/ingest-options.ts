// The hub's X settings come from its operator's environment, as the core's do:
//   DECKHAND_X_API_BASE      where X is (the sandbox in tests and the demo)
//   DECKHAND_X_CLIENT_ID     the X app's OAuth 2.0 Client ID (register <hub URL>/callback with it)
//   DECKHAND_X_BEARER_TOKEN  the X app's Bearer token, for the filtered stream (else columns are polled)
// The ingest's working file lives in --data-dir, by default beside an SQLite store, or in a
// directory of this process's own for PostgreSQL (several processes may share one database).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { X_API_BASE } from '../../main/core/x/client';
import { isPostgresUrl } from '../db/open';
import type { HubIngestOptions } from '../server';

export function ingestOptionsFrom(dbSpec: string, dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): HubIngestOptions {
  const workingDir = dataDir ?? (isPostgresUrl(dbSpec) ? mkdtempSync(join(tmpdir(), 'deckhand-hub-ingest-')) : join(dirname(dbSpec), 'ingest'));
  return {
    dataDir: workingDir,
    xApiBase: env.DECKHAND_X_API_BASE || X_API_BASE,
    clientId: env.DECKHAND_X_CLIENT_ID || null,
    ...(env.DECKHAND_X_BEARER_TOKEN ? { appToken: env.DECKHAND_X_BEARER_TOKEN } : {}),
  };
}
