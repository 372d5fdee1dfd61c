// Where an instance takes its rule set from [#19]: RULES_SOURCE=files (the default) loads and
// watches RULES_DIR; RULES_SOURCE=store follows the rule sets published into MongoDB (pa-policy
// publish), checking for a newer publication every RULES_STORE_POLL_MS (FerretDB has no change
// streams, so the store is polled). INSTANCE_ID names the instance in the rules status.
import { hostname } from 'node:os';
import { integerIn } from '../env-integer.js';

export const RULES_SOURCES = ['files', 'store'] as const;
export type RulesSourceKind = (typeof RULES_SOURCES)[number];

/** A publication is served within this (plus the gate's run) on every instance that follows the store. */
export const DEFAULT_RULES_STORE_POLL_MS = 2_000;

export interface RulesSourceConfig {
  source: RulesSourceKind;
  storePollMs: number;
  instanceId: string;
}

export const defaultInstanceId = (): string => `${hostname()}:${process.pid}`;

export function readRulesSourceConfig(
  env: Record<string, string | undefined>,
  mongodbUri: string | null,
  errors: string[],
): RulesSourceConfig {
  const source = (env.RULES_SOURCE?.trim() || 'files') as RulesSourceKind;
  if (!RULES_SOURCES.includes(source))
    errors.push(`RULES_SOURCE must be one of ${RULES_SOURCES.join(', ')}, got "${source}"`);
  if (source === 'store' && mongodbUri === null)
    errors.push('RULES_SOURCE=store needs MONGODB_URI: the published rule sets are kept in MongoDB');
  const storePollMs = integerIn(env, 'RULES_STORE_POLL_MS', DEFAULT_RULES_STORE_POLL_MS, 100, 60_000, errors);
  const instanceId = env.INSTANCE_ID?.trim() || defaultInstanceId();
  return { source, storePollMs, instanceId };
}

/** For the start-up banner. */
export function describeRulesSource(config: RulesSourceConfig, rulesDir: string): string {
  return config.source === 'store'
    ? `Rules: the latest set published in MongoDB, checked every ${config.storePollMs} ms (instance ${config.instanceId})`
    : `Rules: the folder ${rulesDir}, watched (instance ${config.instanceId})`;
}
