// The rule source an instance serves from, chosen by RULES_SOURCE (rules-source-config.ts), and
// what the HTTP API needs to publish a set: kept out of the composition root, which calls these.
import type { RuleFileSource } from '../../application/ports/rule-file-source.js';
import type { RulesetArchive } from '../../application/ports/ruleset-archive.js';
import type { RulesetPublications } from '../../application/ports/ruleset-publications.js';
import { type PublishDeps, publishRuleset } from '../../application/rules/publish-ruleset.js';
import {
  FILES_ORIGIN,
  PublishedRuleSource,
  type RulesOrigin,
} from '../../application/rules/published-rule-source.js';
import type { RulesPublisher } from '../http/app-env.js';
import { FsRuleFileSource } from './fs-rule-file-source.js';
import { DEFAULT_RULES_STORE_POLL_MS, type RulesSourceConfig } from './rules-source-config.js';

export function ruleSourceFor(
  rulesDir: string,
  config: RulesSourceConfig | undefined,
  stores: { rulesetArchive: RulesetArchive; rulesetPublications: RulesetPublications },
): RuleFileSource {
  return config?.source === 'store'
    ? new PublishedRuleSource(stores.rulesetPublications, stores.rulesetArchive)
    : new FsRuleFileSource(rulesDir);
}

export const rulesOriginOf = (source: RuleFileSource): RulesOrigin =>
  source instanceof PublishedRuleSource ? source : FILES_ORIGIN;

/** How often startService looks for changes: the folder's content check, or the store's poll. */
export const rulesPollMsFor = (config: RulesSourceConfig | undefined, filesPollMs: number): number =>
  config?.source === 'store' ? (config.storePollMs ?? DEFAULT_RULES_STORE_POLL_MS) : filesPollMs;

/** POST /v1/admin/rules/publications: the files sent, or this instance's RULES_DIR. */
export function rulesPublisherFor(rulesDir: string, deps: PublishDeps): RulesPublisher {
  const folder = new FsRuleFileSource(rulesDir);
  return {
    rulesDir,
    publish: (request) => publishRuleset(deps, request),
    readRulesDir: () => folder.readAll(),
  };
}
