// The brand-handle commands of the contract. Spread into the core's handler map.
import { DeckhandError } from '../../../shared/errors';
import type { XAppCapabilities } from '../../../shared/domain';
import type { Caller } from '../rpc/caller';
import type { CommandHandlers } from '../rpc/dispatcher';
import type { Database } from '../store/database';
import { listAccounts } from '../store/accounts';
import type { BrandHandles } from './brand-handles';

export type AccountCommandName =
  | 'listAccounts'
  | 'getXAppSettings'
  | 'saveXAppSettings'
  | 'getXAppCapabilities'
  | 'startAccountConnect'
  | 'cancelAccountConnect'
  | 'removeAccount';

/** The handles this caller may view. */
const visibleAccounts = (db: Database, caller: Caller) => listAccounts(db).filter((account) => caller.can('view', { kind: 'handle', accountId: account.id }));

export function accountHandlers(handles: BrandHandles, capabilities: () => Promise<XAppCapabilities>): Pick<CommandHandlers, AccountCommandName> {
  const { deps, settings, flows, service } = handles;
  return {
    listAccounts: (_input, caller) => visibleAccounts(deps.db, caller),
    getXAppSettings: () => settings.read(),
    saveXAppSettings: (change) => settings.save(change),
    getXAppCapabilities: capabilities,
    startAccountConnect: async () => {
      // Before the browser opens: tokens must have a keychain to go to, never a file.
      const problem = await deps.secrets.check();
      if (problem) throw new DeckhandError('unavailable', problem);
      const flow = await flows.start();
      let openedExternally = false;
      if (deps.openExternal) {
        try {
          await deps.openExternal(flow.authorizeUrl);
          openedExternally = true;
        } catch (error) {
          deps.logger.warn('could not open the system browser; the app shows the link instead', { error: String(error) });
        }
      }
      return { ...flow, openedExternally };
    },
    cancelAccountConnect: ({ flowId }) => {
      flows.cancel(flowId);
      return null;
    },
    removeAccount: async ({ accountId, data }) => {
      await service.remove(accountId, data);
      return null;
    },
  };
}
