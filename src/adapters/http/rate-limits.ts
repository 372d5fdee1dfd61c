// Rate limits of the sensitive routes [§5]: each attempt counts against its client (the peer's IP
// address, or the one a trusted proxy forwarded) and against the account it names; over either
// limit the answer is 429 with Retry-After. The counters are a port (memory, or MongoDB shared by
// every instance).
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { RateLimit, RateLimiter } from '../../application/ports/rate-limiter.js';
import type { RateLimitedAction, RateLimitRules } from '../security/security-config.js';
import type { AppEnv, RateLimitCheck } from './app-env.js';
import { problem, problemResponse } from './problem.js';
import { requestHeader } from './request-header.js';

export class HttpRateLimits implements RateLimitCheck {
  private readonly trusted: Set<string>;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly rules: RateLimitRules,
    trustedProxies: readonly string[] = [],
  ) {
    this.trusted = new Set(trustedProxies.map(normalise));
  }

  /** Counts one attempt of `action` by this client (and on `account`, when given): null to go on, or the 429. */
  async check(c: Context<AppEnv>, action: RateLimitedAction, account?: string): Promise<Response | null> {
    const { client, account: perAccount } = this.rules[action];
    const refused =
      (await this.hit(`${action}|client|${clientKey(this.clientOf(c))}`, client)) ??
      (account === undefined
        ? null
        : await this.hit(`${action}|account|${account.trim().toUpperCase()}`, perAccount));
    if (refused === null) return null;
    return problemResponse(
      problem('RATE_LIMITED', `Too many attempts; retry in ${refused} seconds.`, {
        retryAfterSeconds: refused,
      }),
      { 'retry-after': String(refused) },
    );
  }

  /** null when allowed, else the seconds to wait. */
  private async hit(key: string, rule: RateLimit | null): Promise<number | null> {
    if (!rule) return null;
    const decided = await this.limiter.hit(key, rule);
    return decided.allowed ? null : decided.retryAfterSeconds;
  }

  /**
   * The peer's address; when the peer is a trusted proxy, the nearest address in X-Forwarded-For that
   * is not a trusted proxy itself (addresses further left were written by the client and prove nothing).
   */
  clientOf(c: Context<AppEnv>): string {
    const peer = peerOf(c);
    if (!this.trusted.has(peer)) return peer;
    const forwarded = (requestHeader(c, 'x-forwarded-for') ?? '')
      .split(',')
      .map((a) => normalise(a.trim()))
      .filter((a) => a !== '');
    for (let i = forwarded.length - 1; i >= 0; i--) {
      const address = forwarded[i] as string;
      if (!this.trusted.has(address)) return address;
    }
    return forwarded[0] ?? peer;
  }
}

/** The socket's remote address; `app.request()` in tests has no socket: one client, "local". */
function peerOf(c: Context<AppEnv>): string {
  try {
    return normalise(getConnInfo(c).remote.address ?? 'local');
  } catch {
    return 'local';
  }
}

/**
 * What a client is counted as: an IPv4 address, or an IPv6 address's /64 network (one subscriber
 * usually holds a whole /64, so counting single addresses would let one client rotate through them).
 */
export function clientKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** IPv4 reached over an IPv6 socket (::ffff:10.0.0.1) is the same client as 10.0.0.1. */
const normalise = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
