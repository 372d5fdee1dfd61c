// [#20] The HTTP contract as schemathesis sees it: every check over every operation, the stateful
// phase along the document's links, 0 failures. Needs python3 (with venv) and, the first time,
// PyPI; without python3 it skips with one loud line, unless REQUIRE_SCHEMATHESIS=1 (.ci/run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureSchemathesis,
  findPython,
  runSchemathesis,
  type StartedService,
  startService,
  venvDir,
} from './schemathesis-runner.js';

// Local to this file: the first run installs schemathesis, every run sends a few thousand requests.
const INSTALL_MS = 600_000;
const RUN_MS = 300_000;

const python = await findPython();
if (!python) {
  if (process.env.REQUIRE_SCHEMATHESIS === '1')
    throw new Error('REQUIRE_SCHEMATHESIS=1 but python3 with venv is missing (apt-get install python3-venv)');
  console.warn('\n*** SKIPPING schemathesis: no python3 with venv (apt-get install python3-venv) ***\n');
}

describe.skipIf(!python)('the HTTP contract under schemathesis', () => {
  let bin: string;
  let service: StartedService;

  beforeAll(async () => {
    bin = await ensureSchemathesis(python as string);
    service = await startService();
  }, INSTALL_MS);
  afterAll(() => service?.stop());

  it(
    'finds no failure over every operation, every check and the stateful links',
    async () => {
      const result = await runSchemathesis(bin, service);
      // The whole report on failure: schemathesis' own, with a curl line to reproduce each case.
      expect(result.exitCode, `schemathesis (${venvDir()}) failed:\n${result.report}`).toBe(0);
      console.log(`schemathesis: ${JSON.stringify(result.figures)}`);
    },
    RUN_MS,
  );
});
