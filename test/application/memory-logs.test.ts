// The in-memory decision log and rule-set archive keep their ports' contracts.
import { MemoryDecisionLog } from '../../src/adapters/memory/memory-decision-log.js';
import { MemoryRulesetArchive } from '../../src/adapters/memory/memory-ruleset-archive.js';
import { decisionLogContract } from '../contracts/decision-log.contract.js';
import { rulesetArchiveContract } from '../contracts/ruleset-archive.contract.js';

decisionLogContract('memory', () => new MemoryDecisionLog());
rulesetArchiveContract('memory', () => new MemoryRulesetArchive());
