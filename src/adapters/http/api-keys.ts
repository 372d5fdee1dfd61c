// API keys of calling services [§5]: `API_KEYS=key:role,key:role`, or one generated key per role.
// Keys are held by their SHA-256 digest, so a lookup does not compare secrets byte by byte.
import { createHash, randomBytes } from 'node:crypto';

export const ROLES = ['service', 'operator', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  key: string;
  role: Role;
}

const KEY_SHAPE = /^[A-Za-z0-9._~+/=-]{16,}$/;

/** Parses `key:role,key:role`; every problem is reported, without echoing the secret. */
export function parseApiKeys(text: string): { ok: true; value: ApiKey[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const keys: ApiKey[] = [];
  const entries = text.split(',');
  for (const [i, raw] of entries.entries()) {
    const entry = raw.trim();
    const where = `API_KEYS entry ${i + 1} of ${entries.length}`;
    const parts = entry.split(':');
    if (entry === '') {
      errors.push(`${where} is empty (expected key:role)`);
      continue;
    }
    if (parts.length !== 2) {
      errors.push(`${where} must be exactly "key:role" (one colon), got ${parts.length - 1}`);
      continue;
    }
    const [key = '', role = ''] = parts;
    const hint = `${key.slice(0, 4)}…`;
    if (!KEY_SHAPE.test(key))
      errors.push(`${where} (${hint}): a key needs at least 16 characters from A-Z a-z 0-9 . _ ~ + / = -`);
    if (!(ROLES as readonly string[]).includes(role))
      errors.push(`${where} (${hint}): unknown role "${role}"; roles are ${ROLES.join(', ')}`);
    else if (keys.some((k) => k.key === key)) errors.push(`${where} (${hint}): the same key is listed twice`);
    else keys.push({ key, role: role as Role });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: keys };
}

/** One random key per role, for the embedded default when API_KEYS is unset. */
export function generateApiKeys(): ApiKey[] {
  return ROLES.map((role) => ({ role, key: `${role}-${randomBytes(24).toString('base64url')}` }));
}

export class ApiKeyring {
  private readonly roles = new Map<string, Role>();
  /**
   * Keys presented and found, by the key itself: hashing one costs ~6 µs, a third of what the
   * decision route spends outside the engine, and a service sends its key on every request. Only
   * configured keys get in (an unknown one is hashed each time, so guessing cannot grow this), and
   * they are in the process's configuration already.
   */
  private readonly found = new Map<string, Role>();

  constructor(keys: readonly ApiKey[]) {
    for (const { key, role } of keys) this.roles.set(digest(key), role);
  }

  roleOf(key: string): Role | null {
    const known = this.found.get(key);
    if (known !== undefined) return known;
    const role = this.roles.get(digest(key)) ?? null;
    if (role !== null) this.found.set(key, role);
    return role;
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex');
