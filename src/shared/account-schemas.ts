// Inputs of the brand-handle commands (X app settings, connecting, removing), validated on the
// main side like every command input.
import { z } from 'zod';
import { numericId as accountId } from './ids';

/** X shows OAuth 2.0 Client IDs as URL-safe strings (letters, digits, - _ . ~ and :). */
export const xClientId = z
  .string()
  .trim()
  .min(1, 'Client ID cannot be empty')
  .max(128, 'Client ID is longer than 128 characters')
  .regex(/^[A-Za-z0-9_.~:-]+$/, 'Client ID may contain only letters, digits and - _ . ~ :');

/** Printable ASCII without spaces: what X issues (it may contain %, = and +). */
export const xBearerToken = z
  .string()
  .trim()
  .min(8, 'Bearer token is too short')
  .max(2048, 'Bearer token is longer than 2048 characters')
  .regex(/^[\x21-\x7e]+$/, 'Bearer token may not contain spaces or non-ASCII characters');

/** Ports below 1024 need privileges; the loopback redirect must be registered with X as is. */
export const callbackPort = z
  .number()
  .int('Callback port must be a whole number')
  .min(1024, 'Callback port must be from 1024 to 65535')
  .max(65_535, 'Callback port must be from 1024 to 65535');

export const saveXAppSettingsInput = z
  .object({
    /** null removes the Client ID (the next start opens the demo workspace). */
    clientId: xClientId.nullable().optional(),
    callbackPort: callbackPort.optional(),
    /** A new app Bearer token, or null to delete the stored one; absent leaves it as it is. */
    bearerToken: xBearerToken.nullable().optional(),
  })
  .strict();

export const cancelAccountConnectInput = z.object({ flowId: z.string().uuid('must be a connection id') }).strict();

export const removeAccountInput = z
  .object({
    accountId,
    /** keep: the handle's columns and posts stay, read-only; delete: they go too. */
    data: z.enum(['keep', 'delete'], 'must be "keep" or "delete"'),
  })
  .strict();
