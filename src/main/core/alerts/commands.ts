// The Alerts dialog's commands: the rules, and the e-mail digest's settings and sends.
import type { CommandHandlers } from '../rpc/dispatcher';
import type { AlertDigest } from './alert-digest';
import type { AlertWatch } from './alert-watch';

export function alertCommands(watch: AlertWatch, digest: AlertDigest): Pick<CommandHandlers, 'getAlertRules' | 'saveAlertRules' | 'getDigestStatus' | 'saveDigestSettings' | 'sendTestEmail' | 'sendDigestNow'> {
  return {
    getAlertRules: () => watch.rules(),
    saveAlertRules: ({ rules }) => watch.saveRules(rules),
    getDigestStatus: () => digest.status(),
    saveDigestSettings: (input) => digest.save(input),
    sendTestEmail: () => digest.sendTest(),
    sendDigestNow: () => digest.sendNow(),
  };
}
