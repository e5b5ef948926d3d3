// Where a desktop keeps its team link: the member credential in the OS keychain (one entry per
// member id: two desktops on one machine share a keychain), the rest (hub address, member id,
// this desktop's client id and its last mutation id) in preferences. No secret in preferences.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DeckhandError } from '../../../shared/errors';
import type { PreferenceStore, SecretStore } from '../ports';

const LINK_PREFERENCE = 'team.link';
const CLIENT_ID_PREFERENCE = 'team.clientId';
const MUTATION_ID_PREFERENCE = 'team.lastMutationId';
/** How far this desktop's replica has applied the hub's log (absent: start from a snapshot). */
const CURSOR_PREFERENCE = 'team.cursor';

const linkSchema = z.object({ hubUrl: z.string().regex(/^https?:\/\//), memberId: z.string().min(1).max(100) });
export type LinkRecord = z.infer<typeof linkSchema>;

export const credentialKey = (memberId: string) => `team:${memberId}:credential`;

/** The demo workspace's team is not the X workspace's: its link lives under keys of its own. */
export function teamPreferencesOf(preferences: PreferenceStore, mode: 'demo' | 'x'): PreferenceStore {
  if (mode === 'x') return preferences;
  return { get: <T>(key: string) => preferences.get<T>(`demo.${key}`), set: (key, value) => preferences.set(`demo.${key}`, value) };
}

export class LinkStore {
  constructor(
    private readonly keychain: SecretStore,
    private readonly preferences: PreferenceStore,
  ) {}

  /** The saved link, or null (none, or one this version cannot read). */
  link(): LinkRecord | null {
    const parsed = linkSchema.safeParse(this.preferences.get<unknown>(LINK_PREFERENCE));
    return parsed.success ? parsed.data : null;
  }

  /** Before a claim or a join spends its code: the credential must have a keychain to go to. */
  async ensureKeychain(): Promise<void> {
    const problem = await this.keychain.check();
    if (problem) throw new DeckhandError('unavailable', `The team credential must be kept in the OS keychain, which is not available: ${problem}`);
  }

  async save(link: LinkRecord, credential: string): Promise<void> {
    await this.keychain.set(credentialKey(link.memberId), credential);
    this.preferences.set(LINK_PREFERENCE, link);
  }

  credential(link: LinkRecord): Promise<string | null> {
    return this.keychain.get(credentialKey(link.memberId));
  }

  /** Forgets the saved link, if any, and its credential. */
  async forgetSaved(): Promise<void> {
    const link = this.link();
    if (link) await this.forget(link);
  }

  async forget(link: LinkRecord): Promise<void> {
    this.preferences.set(LINK_PREFERENCE, null);
    this.preferences.set(CURSOR_PREFERENCE, null);
    await this.keychain.delete(credentialKey(link.memberId));
  }

  cursor(): number | null {
    const saved = this.preferences.get<unknown>(CURSOR_PREFERENCE);
    return typeof saved === 'number' && Number.isSafeInteger(saved) && saved >= 0 ? saved : null;
  }

  setCursor(cursor: number): void {
    this.preferences.set(CURSOR_PREFERENCE, cursor);
  }

  /** This desktop's id towards the hub, made once: the hub keys each mutation by it. */
  clientId(): string {
    const saved = this.preferences.get<unknown>(CLIENT_ID_PREFERENCE);
    if (typeof saved === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(saved)) return saved;
    const made = `desktop-${randomUUID()}`;
    this.preferences.set(CLIENT_ID_PREFERENCE, made);
    return made;
  }

  /** Mutation ids keep rising across restarts: the hub answers a known id with its recorded result. */
  nextMutationId(): number {
    const saved = this.preferences.get<unknown>(MUTATION_ID_PREFERENCE);
    const next = (typeof saved === 'number' && Number.isSafeInteger(saved) && saved >= 0 ? saved : 0) + 1;
    this.preferences.set(MUTATION_ID_PREFERENCE, next);
    return next;
  }
}
