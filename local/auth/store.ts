import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * Where the local authorization server keeps its state (sessions, interactions, codes, grants,
 * refresh tokens): oidc-provider's adapter interface over one map, written to a JSON file under
 * DATA_DIR after every change, so a restart of `npm start` keeps everyone signed in. Without a
 * data folder (tests) it lives in memory. A local demo holds a handful of entries: lookups by
 * session uid and grant scan the map, and expired entries are dropped on every write.
 */

export const STORE_FILE = 'local-auth-store.json';

interface Entry {
  payload: AdapterPayload;
  /** Epoch ms; null for entries without an expiry. */
  expiresAt: number | null;
}

/** Entries that belong to a grant and end with it (revocation, sign-out). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export class AuthStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Entry>;
        for (const [key, entry] of Object.entries(saved)) this.entries.set(key, entry);
      } catch {
        // A damaged file only signs everyone out.
      }
      this.prune();
    }
  }

  static at(dataDir: string | undefined): AuthStore {
    if (!dataDir) return new AuthStore();
    mkdirSync(dataDir, { recursive: true });
    return new AuthStore(join(dataDir, STORE_FILE));
  }

  /** The factory oidc-provider calls once per model (Session, AccessToken, …). */
  readonly adapter: AdapterFactory = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    return {
      upsert: async (id, payload, expiresIn) => {
        this.entries.set(key(id), { payload, expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null });
        this.save();
      },
      find: async (id) => this.live(key(id))?.payload,
      findByUid: async (uid) => this.findWhere(model, (p) => p.uid === uid),
      findByUserCode: async (userCode) => this.findWhere(model, (p) => p.userCode === userCode),
      consume: async (id) => {
        const entry = this.live(key(id));
        if (entry) {
          entry.payload.consumed = Math.floor(Date.now() / 1000);
          this.save();
        }
      },
      destroy: async (id) => {
        if (this.entries.delete(key(id))) this.save();
      },
      revokeByGrantId: async (grantId) => {
        let changed = false;
        for (const [k, entry] of this.entries) {
          if (GRANTABLE.has(k.slice(0, k.indexOf(':'))) && entry.payload.grantId === grantId) {
            this.entries.delete(k);
            changed = true;
          }
        }
        if (changed) this.save();
      },
    };
  };

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private findWhere(model: string, test: (p: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const k of this.entries.keys()) {
      if (!k.startsWith(`${model}:`)) continue;
      const entry = this.live(k);
      if (entry && test(entry.payload)) return entry.payload;
    }
    return undefined;
  }

  private prune(): void {
    const now = Date.now();
    for (const [k, entry] of this.entries) if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(k);
  }

  private save(): void {
    if (!this.file) return;
    this.prune();
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.entries)), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
