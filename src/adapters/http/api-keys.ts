// API keys of calling services [§5]: `API_KEYS=label=key:role,key:role`, or one generated key per
// role. Each key has a label (given, or derived from its role: `service-1`), and the label, never
// the key, is what logs and audit records name. Keys are held by their SHA-256 digest, so a lookup
// does not compare secrets byte by byte.
import { createHash, randomBytes } from 'node:crypto';

/**
 * `payment-provider` is pagoPA's own credential: the only role that may post receipts. The others
 * are the portals and help desk (`service`), the register's and Chamber's staff (`operator`), the
 * system administrator (`admin`) and the auditors (`auditor`); README "Security" tabulates them.
 */
export const ROLES = ['service', 'operator', 'admin', 'auditor', 'payment-provider'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  key: string;
  role: Role;
  /** Who holds the key, for logs and audit records (e.g. `helpdesk-1`); never the key itself. */
  label: string;
}

/** What a known key says about its caller. */
export interface KeyHolder {
  role: Role;
  label: string;
}

const KEY_SHAPE = /^[A-Za-z0-9._~+/=-]{16,}$/;
const LABEL_SHAPE = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
// `label=key`: the label is what precedes the first "=", when it has a label's shape.
const LABELLED = /^([A-Za-z][A-Za-z0-9._-]{0,63})=(.+)$/s;

/**
 * Parses `label=key:role` or `key:role` entries; a key without a label gets `<role>-<n>` (its rank
 * among that role's keys). Every problem is reported, without echoing the secret.
 */
export function parseApiKeys(text: string): { ok: true; value: ApiKey[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const keys: ApiKey[] = [];
  const perRole = new Map<string, number>();
  const entries = text.split(',');
  for (const [i, raw] of entries.entries()) {
    const entry = raw.trim();
    const where = `API_KEYS entry ${i + 1} of ${entries.length}`;
    const parts = entry.split(':');
    if (entry === '') {
      errors.push(`${where} is empty (expected key:role or label=key:role)`);
      continue;
    }
    if (parts.length !== 2) {
      errors.push(
        `${where} must be exactly "key:role" or "label=key:role" (one colon), got ${parts.length - 1}`,
      );
      continue;
    }
    const [keyPart = '', role = ''] = parts;
    const labelled = LABELLED.exec(keyPart);
    const key = labelled?.[2] ?? keyPart;
    const hint = `${key.slice(0, 4)}…`;
    const rank = (perRole.get(role) ?? 0) + 1;
    perRole.set(role, rank);
    const label = labelled?.[1] ?? `${role}-${rank}`;
    if (!KEY_SHAPE.test(key))
      errors.push(`${where} (${hint}): a key needs at least 16 characters from A-Z a-z 0-9 . _ ~ + / = -`);
    if (!(ROLES as readonly string[]).includes(role))
      errors.push(`${where} (${hint}): unknown role "${role}"; roles are ${ROLES.join(', ')}`);
    else if (!LABEL_SHAPE.test(label))
      errors.push(`${where}: a label has 1-64 characters from A-Z a-z 0-9 . _ - and starts with a letter`);
    else if (keys.some((k) => k.key === key)) errors.push(`${where} (${hint}): the same key is listed twice`);
    else if (keys.some((k) => k.label === label))
      errors.push(`${where}: the label "${label}" is used twice (labels name who holds each key)`);
    else keys.push({ key, role: role as Role, label });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: keys };
}

/** One random key per role, for the embedded default when API_KEYS is unset. */
export function generateApiKeys(): ApiKey[] {
  return ROLES.map((role) => ({
    role,
    label: `${role}-1`,
    key: `${role}-${randomBytes(24).toString('base64url')}`,
  }));
}

export class ApiKeyring {
  private readonly holders = new Map<string, KeyHolder>();
  /**
   * Keys presented and found, by the key itself: hashing one costs ~6 µs, a third of what the
   * decision route spends outside the engine, and a service sends its key on every request. Only
   * configured keys get in (an unknown one is hashed each time, so guessing cannot grow this), and
   * they are in the process's configuration already.
   */
  private readonly found = new Map<string, KeyHolder>();

  constructor(keys: readonly ApiKey[]) {
    for (const { key, role, label } of keys) this.holders.set(digest(key), { role, label });
  }

  /** The holder of a configured key (its role and label); null for any other text. */
  holderOf(key: string): KeyHolder | null {
    const known = this.found.get(key);
    if (known !== undefined) return known;
    const holder = this.holders.get(digest(key)) ?? null;
    if (holder !== null) this.found.set(key, holder);
    return holder;
  }

  roleOf(key: string): Role | null {
    return this.holderOf(key)?.role ?? null;
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest('hex');
