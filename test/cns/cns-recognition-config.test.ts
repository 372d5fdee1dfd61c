// [P-CERTIFICATE] CNS_TRUST_ANCHORS, CNS_TRUSTED_PROXIES and CNS_CLIENT_CERT_HEADER: read and checked
// at start-up, each wrong value named with what is expected; unset, recognition by CNS is off.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/adapters/config.js';
import { describeCnsRecognition } from '../../src/adapters/crypto/cns-recognition-config.js';
import { aTestPki, type TestPki } from '../support/test-pki.js';
import { FISCAL_CODE } from './support.js';

let pki: TestPki;
let dir: string;
beforeAll(async () => {
  pki = await aTestPki();
  dir = await mkdtemp(join(tmpdir(), 'cns-anchors-'));
  await writeFile(join(dir, 'root.pem'), pki.root.pem);
  await writeFile(join(dir, 'issuing.crt'), pki.intermediate.pem);
  await writeFile(join(dir, 'notes.txt'), 'not a certificate');
  await writeFile(join(dir, 'bundle.pem.txt'), `${pki.root.pem}${pki.intermediate.pem}`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errorsOf = (env: Record<string, string>) => {
  const result = readConfig(env);
  return result.ok ? [] : result.errors;
};
const successValue = (env: Record<string, string>) => {
  const result = readConfig(env);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.value.cnsRecognition;
};

describe('the CNS recognition configuration', () => {
  it('is off when unset', () => {
    const config = successValue({});
    expect(config).toEqual({ trustAnchors: [], trustAnchorsPath: null, forwarded: null });
    expect(describeCnsRecognition(config)).toContain('off');
  });

  it('reads the CA certificates of a folder (.pem, .crt, .cer) or of one file, a bundle included', async () => {
    expect(successValue({ CNS_TRUST_ANCHORS: dir }).trustAnchors).toHaveLength(2);
    const bundle = join(dir, 'bundle.pem.txt');
    expect(successValue({ CNS_TRUST_ANCHORS: bundle }).trustAnchors).toHaveLength(2);
  });

  it('reads the trusted proxies and the header, lower-cased', () => {
    const config = successValue({
      CNS_TRUST_ANCHORS: dir,
      CNS_TRUSTED_PROXIES: '10.0.0.5, 192.168.0.0/16, ::1',
      CNS_CLIENT_CERT_HEADER: 'X-Client-Cert',
    });
    expect(config.forwarded).toEqual({
      header: 'x-client-cert',
      trustedProxies: ['10.0.0.5', '192.168.0.0/16', '::1'],
    });
    expect(describeCnsRecognition(config)).toContain('x-client-cert from 10.0.0.5');
    expect(successValue({ CNS_TRUST_ANCHORS: dir, CNS_TRUSTED_PROXIES: '127.0.0.1' }).forwarded?.header).toBe(
      'x-ssl-client-cert',
    );
  });

  it('names each wrong value', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cns-empty-'));
    const card = join(await mkdtemp(join(tmpdir(), 'cns-card-')), 'card.pem');
    await writeFile(card, (await pki.card(FISCAL_CODE)).pem);
    try {
      expect(errorsOf({ CNS_TRUST_ANCHORS: join(dir, 'missing') })).toEqual([
        expect.stringMatching(/^CNS_TRUST_ANCHORS must be a PEM file or a folder .*not found/),
      ]);
      expect(errorsOf({ CNS_TRUST_ANCHORS: join(dir, 'notes.txt') })).toEqual([
        expect.stringContaining('holds no PEM certificate'),
      ]);
      expect(errorsOf({ CNS_TRUST_ANCHORS: card })).toEqual([
        expect.stringContaining('is not a CA certificate'),
      ]);
      expect(errorsOf({ CNS_TRUST_ANCHORS: empty })).toEqual([expect.stringContaining('has no .pem')]);
      expect(
        errorsOf({ CNS_TRUST_ANCHORS: dir, CNS_TRUSTED_PROXIES: '10.0.0.5,proxy.local,10.0.0.0/33' }),
      ).toEqual([expect.stringContaining('"proxy.local"'), expect.stringContaining('"10.0.0.0/33"')]);
      expect(errorsOf({ CNS_TRUSTED_PROXIES: '10.0.0.5' })).toEqual([
        expect.stringContaining('CNS_TRUSTED_PROXIES needs CNS_TRUST_ANCHORS'),
      ]);
      expect(errorsOf({ CNS_TRUST_ANCHORS: dir, CNS_CLIENT_CERT_HEADER: 'x-cert' })).toEqual([
        expect.stringContaining('CNS_CLIENT_CERT_HEADER is set but CNS_TRUSTED_PROXIES is not'),
      ]);
      expect(
        errorsOf({
          CNS_TRUST_ANCHORS: dir,
          CNS_TRUSTED_PROXIES: '10.0.0.5',
          CNS_CLIENT_CERT_HEADER: 'bad header',
        }),
      ).toEqual([expect.stringContaining('must be an HTTP header name')]);
    } finally {
      await rm(join(card, '..'), { recursive: true });
      await rm(empty, { recursive: true });
    }
  });
});
