// Signed bearer tokens for companies and CNS applicants: base64url(JSON payload) + "." + HMAC-SHA256.
// Expiry is judged by the injected clock (not the machine's), so procedures dated 2017 test alike.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../application/ports/clock.js';
import type { Principal, TokenIssuer } from '../../application/ports/token-issuer.js';

interface Payload {
  principal: Principal;
  exp: number;
}

export class HmacTokenIssuer implements TokenIssuer {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  async issue(principal: Principal, ttlSeconds: number): Promise<string> {
    const payload: Payload = { principal, exp: Math.floor(this.clock.now().getTime() / 1000) + ttlSeconds };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  async verify(token: string): Promise<Principal | null> {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
      return payload.exp > this.clock.now().getTime() / 1000 ? payload.principal : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
