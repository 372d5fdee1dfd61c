import { MemoryRulesetPublications } from '../../src/adapters/memory/memory-ruleset-publications.js';
import { rulesetPublicationsContract } from '../contracts/ruleset-publications.contract.js';

rulesetPublicationsContract('memory', () => new MemoryRulesetPublications());
