// Clients are counted by IPv4 address, or by IPv6 /64 network (a subscriber's usual allocation).
import { describe, expect, it } from 'vitest';
import { clientKey } from '../../src/adapters/http/rate-limits.js';

describe('clientKey', () => {
  it('keeps IPv4 addresses and names other peers as they are', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('local')).toBe('local');
  });

  it('counts an IPv6 address by its /64 network, whatever its spelling', () => {
    expect(clientKey('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:0DB8:0000:0001:ffff:0:0:2')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
