// The sandbox's X accounts: brands, customers, and whoever the admin API or traffic invents.
import { SnowflakeIds } from './ids';

export type VerifiedType = 'blue' | 'business' | 'government' | 'none';

export interface SandboxUser {
  id: string;
  username: string;
  name: string;
  createdAt: number;
  description: string;
  location: string | null;
  url: string | null;
  profileImageUrl: string;
  verified: boolean;
  verifiedType: VerifiedType;
  protected: boolean;
  followersCount: number;
  followingCount: number;
  tweetCount: number;
  listedCount: number;
  likeCount: number;
  /** Ids of the accounts this one follows (the home timeline reads them). */
  following: Set<string>;
}

export interface NewUser {
  username: string;
  name?: string;
  description?: string;
  location?: string | null;
  url?: string | null;
  profileImageUrl?: string;
  verified?: boolean;
  verifiedType?: VerifiedType;
  protected?: boolean;
  followers?: number;
  following?: number;
  createdAt?: number;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,15}$/;
const DEFAULT_AVATAR = 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';

export class UserStore {
  private readonly byId = new Map<string, SandboxUser>();
  private readonly byName = new Map<string, SandboxUser>();
  private readonly ids = new SnowflakeIds(3);

  constructor(private readonly now: () => number) {}

  get(id: string): SandboxUser | undefined {
    return this.byId.get(id);
  }

  byUsername(username: string): SandboxUser | undefined {
    return this.byName.get(username.toLowerCase());
  }

  all(): IterableIterator<SandboxUser> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  /** Creates the user, or updates the given fields of an existing one with that username. */
  upsert(input: NewUser): SandboxUser {
    if (!USERNAME_PATTERN.test(input.username)) throw new RangeError(`not a valid X username: ${input.username}`);
    const existing = this.byUsername(input.username);
    if (existing) {
      applyChanges(existing, input);
      return existing;
    }
    const createdAt = input.createdAt ?? this.now() - 400 * 86_400_000;
    const user: SandboxUser = {
      id: this.ids.next(createdAt),
      username: input.username,
      name: input.username,
      createdAt,
      description: '',
      location: null,
      url: null,
      profileImageUrl: DEFAULT_AVATAR,
      verified: false,
      verifiedType: 'none',
      protected: false,
      followersCount: 0,
      followingCount: 0,
      tweetCount: 0,
      listedCount: 0,
      likeCount: 0,
      following: new Set(),
    };
    applyChanges(user, input);
    this.byId.set(user.id, user);
    this.byName.set(user.username.toLowerCase(), user);
    return user;
  }

  /** The user with this username, created with defaults when unknown. */
  ensure(username: string): SandboxUser {
    return this.byUsername(username) ?? this.upsert({ username });
  }
}

function applyChanges(user: SandboxUser, input: NewUser): void {
  if (input.name !== undefined) user.name = input.name;
  if (input.description !== undefined) user.description = input.description;
  if (input.location !== undefined) user.location = input.location;
  if (input.url !== undefined) user.url = input.url;
  if (input.profileImageUrl !== undefined) user.profileImageUrl = input.profileImageUrl;
  if (input.verified !== undefined) {
    user.verified = input.verified;
    if (!input.verifiedType) user.verifiedType = input.verified ? 'blue' : 'none';
  }
  if (input.verifiedType !== undefined) user.verifiedType = input.verifiedType;
  if (input.protected !== undefined) user.protected = input.protected;
  if (input.followers !== undefined) user.followersCount = input.followers;
  if (input.following !== undefined) user.followingCount = input.following;
}
