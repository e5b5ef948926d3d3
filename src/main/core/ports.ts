// What the core needs from its host. Each host fills these: the Electron shell with keytar and
// electron-store, the web host and tests with keytar (or memory in the demo) and `conf`.

export interface SecretStore {
  /** Human-readable: where secrets live ("OS keychain", "memory (demo workspace)"). */
  readonly description: string;
  /** False when secrets vanish with the process (the demo workspace's memory store). */
  readonly persistent: boolean;
  /** Null when secrets can be written here; otherwise why not, for people. Writes nothing lasting. */
  check(): Promise<string | null>;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export interface PreferenceStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export class MemorySecretStore implements SecretStore {
  readonly description = 'memory (demo workspace: sandbox tokens are not kept)';
  readonly persistent = false;
  private readonly secrets = new Map<string, string>();
  async check() {
    return null;
  }
  async get(account: string) {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.secrets.set(account, secret);
  }
  async delete(account: string) {
    return this.secrets.delete(account);
  }
}

export class MemoryPreferenceStore implements PreferenceStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string) {
    return this.values.get(key) as T | undefined;
  }
  set(key: string, value: unknown) {
    this.values.set(key, value);
  }
}
