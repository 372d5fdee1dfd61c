// [#22] The peer benchmark's smoke: one case per policy gets the same answer from this engine,
// json-rules-engine, zen-engine and (when its cached build exists; never built here, to keep the
// suite's time bounded) OPA. The peers read their data as generated from rules/ now, not the
// committed copies, so a maintainer's new amount or holiday keeps this green; `npm run bench:peers`
// insists the committed copies are current and checks every suite case and 10,000 generated ones.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { canonical } from '../../bench/peers/agree.js';
import {
  engineAnswer,
  type PeerCase,
  POLICIES,
  referenceAnswer,
  suiteCases,
} from '../../bench/peers/cases.js';
import { generatedFiles, generatedPath } from '../../bench/peers/generate.js';
import { OPA_POLICY_DIR, OPA_QUERY, opaBinary, opaBuilt } from '../../bench/peers/opa.js';
import { loadZen, zenAnswer } from '../../bench/peers/zen.js';

const run = promisify(execFile);
/** A case with something to compute in each: a counted fleet, a violation, a holiday skipped. */
const PICKS: Record<string, RegExp> = {
  'albo.quota': /fleet/i,
  'account.password': /confirmation/i,
  'cns.timeline': /Christmas/i,
};
const cases: PeerCase[] = POLICIES.map((policy) => {
  const all = suiteCases(policy);
  return all.find((c) => PICKS[policy]?.test(c.label)) ?? (all[0] as PeerCase);
});
const withOpa = opaBuilt();
if (!withOpa)
  console.warn(
    `\n*** peers smoke: OPA is not built (${opaBinary()}), so its part is SKIPPED; ` +
      '`npm run bench:peers` builds and caches it ***\n',
  );

describe('peer engines agree (smoke)', () => {
  const generated = generatedFiles();
  const zen = loadZen((policy) => JSON.parse(generated.get(generatedPath(`./zen/${policy}.json`)) ?? '{}'));
  for (const c of cases)
    it(`${c.policy}: this engine, json-rules-engine and zen-engine answer ${c.label} alike`, async () => {
      const expected = canonical(await engineAnswer(c));
      expect(canonical(await referenceAnswer(c))).toBe(expected);
      const decision = zen.get(c.policy);
      if (!decision) throw new Error(`no zen decision for ${c.policy}`);
      expect(canonical(await zenAnswer(decision, c.input))).toBe(expected);
    });

  it.skipIf(!withOpa)('OPA answers each of those cases alike', async () => {
    const opaPolicies = await mkdtemp(join(tmpdir(), 'peers-opa-'));
    for (const rego of (await readdir(OPA_POLICY_DIR)).filter((f) => f.endsWith('.rego')))
      await copyFile(join(OPA_POLICY_DIR, rego), join(opaPolicies, rego));
    await writeFile(join(opaPolicies, 'data.json'), generated.get(generatedPath('./opa/data.json')) ?? '');
    for (const c of cases) {
      const pending = run(opaBinary(), [
        'eval',
        '--format=json',
        '--stdin-input',
        `--data=${opaPolicies}`,
        OPA_QUERY[c.policy] as string,
      ]);
      pending.child.stdin?.end(JSON.stringify(c.input));
      const output = JSON.parse((await pending).stdout) as {
        result: Array<{ expressions: Array<{ value: unknown }> }>;
      };
      const answer = output.result[0]?.expressions[0]?.value;
      expect(canonical(answer), c.label).toBe(canonical(await engineAnswer(c)));
    }
  });
});
