// A service on a copy of the exemplar rules that has logged albo.payment-deadline decisions, and the
// edit whose impact the tests measure.
import { MemoryDecisionLog } from '../../src/adapters/memory/memory-decision-log.js';
import { MemoryRulesetArchive } from '../../src/adapters/memory/memory-ruleset-archive.js';
import { AjvSchemaValidator } from '../../src/adapters/rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../../src/adapters/rules/fs-rule-file-source.js';
import { DecisionService } from '../../src/application/decisions/decision-service.js';
import { RulesetRegistry } from '../../src/application/rules/ruleset-registry.js';
import { editText, exemplarRules, PARAMETERS_FILE } from '../cli/support.js';

/** The extension of the 2017 deadline, moved from 28 February to 15 February 2017. */
export async function shortenExtension(dir: string): Promise<void> {
  await editText(
    dir,
    PARAMETERS_FILE,
    '"value": { "2017": "2017-02-28" }',
    '"value": { "2017": "2017-02-15" }',
  );
}

/** A service on a copy of the exemplar that has logged one decision per payment date. */
export async function serviceWithDecisions(paymentDates: readonly string[]) {
  const dir = await exemplarRules();
  const registry = new RulesetRegistry(
    new FsRuleFileSource(dir),
    new AjvSchemaValidator(),
    new MemoryRulesetArchive(),
  );
  const loaded = await registry.reload();
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const log = new MemoryDecisionLog();
  let n = 0;
  let minute = 0;
  const service = new DecisionService(
    registry,
    log,
    { now: () => new Date(Date.UTC(2017, 0, 10, 9, minute++)) },
    { next: () => `d${++n}` },
  );
  const ids = new Map<string, string>();
  for (const paymentDate of paymentDates) {
    const made = await service.decide({
      policy: 'albo.payment-deadline',
      facts: { year: 2017, paymentDate },
    });
    if (!made.ok) throw new Error(JSON.stringify(made.error));
    ids.set(paymentDate, made.value.decisionId);
  }
  return { dir, registry, log, service, ids };
}
