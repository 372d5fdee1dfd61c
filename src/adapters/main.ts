// `npm start`: the embedded default [§6]. Reads the environment, loads rules/, serves the API and
// prints how to call it; stops cleanly on SIGINT/SIGTERM.

import { readConfig } from './config.js';
import { describeCnsRecognition } from './crypto/cns-recognition-config.js';
import { describeDevRoutes, devRoutesFor } from './dev-routes.js';
import { type ApiKey, generateApiKeys } from './http/api-keys.js';
import { describeIntegrations } from './integrations-config.js';
import { describeMail } from './mail/mail-config.js';
import { describeRulesSource } from './rules/rules-source-config.js';
import { type RunningService, startService } from './service.js';

const EXAMPLE_POLICY = 'albo.payment-deadline';
const EXAMPLE_BODY = '{"facts":{"year":2017,"paymentDate":"2017-01-15"}}';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  if (!config.ok) {
    console.error(
      `Cannot start: the configuration is invalid.\n${config.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
    process.exit(1);
  }
  const generated = config.value.apiKeys === null;
  const apiKeys = config.value.apiKeys ?? generateApiKeys();

  let service: RunningService;
  try {
    service = await startService({ ...config.value, apiKeys });
  } catch (error) {
    // RulesLoadError's message lists every problem as file:line:column and reason (suites included).
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  // Following the store, the set serving is the latest publication, not RULES_DIR.
  const rulesFrom =
    config.value.rulesSource.source === 'store'
      ? 'the rule set store (pa-policy publish)'
      : config.value.rulesDir;
  console.log(banner(service, apiKeys, generated, rulesFrom));
  const { clockAt, registryFixture, integrations, mail, cnsRecognition, production } = config.value;
  console.log(
    `  Adapters:\n${[
      `store: ${service.storage}`,
      describeRulesSource(config.value.rulesSource, config.value.rulesDir),
      ...describeIntegrations(integrations, registryFixture),
      describeMail(mail),
      describeCnsRecognition(cnsRecognition),
      describeDevRoutes(devRoutesFor(config.value), production),
    ]
      .map((l) => `    ${l}`)
      .join('\n')}\n`,
  );
  if (clockAt)
    console.log(`  CLOCK_AT: the clock started on ${clockAt} 10:00 (Europe/Rome) and runs from there.\n`);
  if (registryFixture !== 'normal' && !integrations.registry.url)
    console.log(`  REGISTRY_FIXTURE: the business register answers ${registryFixture}.\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    // Requests in flight get the grace period; past it (and a little for the stores), leave anyway.
    setTimeout(() => process.exit(1), config.value.shutdownGraceMs + 5_000).unref();
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

function banner(service: RunningService, keys: ApiKey[], generated: boolean, rulesFrom: string): string {
  const { url } = service;
  const exampleKey = generated ? (keys.find((k) => k.role === 'service')?.key ?? '') : '$API_KEY';
  // Generated keys are shown once, to be copied; keys from API_KEYS never: only their labels.
  const keyLines = generated
    ? [
        'API keys generated for this run (set API_KEYS=label=key:role,… to choose your own):',
        ...keys.map((k) => `    ${k.label.padEnd(18)} ${k.role.padEnd(16)} ${k.key}`),
      ]
    : [
        `API keys: ${keys.length} from API_KEYS (label: role):`,
        ...keys.map((k) => `    ${k.label}: ${k.role}`),
      ];
  return [
    '',
    `pa-policy-engine is listening on ${url}`,
    `  ruleset ${service.rulesetHash} from ${rulesFrom} (edits go live once they load and pass their suites;`,
    `  status: ${url}/v1/rules/status, or the rules member of /healthz)`,
    `  API docs: ${url}/docs   OpenAPI: ${url}/openapi.json   health: ${url}/healthz`,
    `  ${keyLines.join('\n')}`,
    '  Roles: service/operator/admin/auditor read policies and ask for decisions; auditor/admin read and replay',
    '  logged decisions; admin reloads rules and approves password resets; payment-provider only posts receipts.',
    generated ? '  Try:' : '  Try (with API_KEY=<one of your keys> in your shell):',
    `    curl -s -X POST ${url}/v1/policies/${EXAMPLE_POLICY}/decisions \\`,
    `      -H "Authorization: Bearer ${exampleKey}" -H 'Content-Type: application/json' \\`,
    `      -d '${EXAMPLE_BODY}'`,
    '',
  ].join('\n');
}

await main();
