import type { Hono } from 'hono';
import { FILES_ORIGIN } from '../../../application/rules/published-rule-source.js';
import { defaultInstanceId } from '../../rules/rules-source-config.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import { ALL_ROLES, allowRoles } from '../auth.js';

/**
 * The rule set status [#17]: see rulesStatusView, and how often json-rules-engine answered for the
 * compiled evaluator in this instance. Any role.
 */
export function registerRulesStatusRoutes(app: Hono<AppEnv>, deps: AppDeps): void {
  app.get('/v1/rules/status', allowRoles(...ALL_ROLES), (c) =>
    c.json({ ...rulesStatusView(deps), evaluatorFallbacks: deps.decisions.fallbacks.counts() }),
  );
}

/**
 * The status per instance [#19]: the set serving, its source as last read (the folder, or the
 * latest publication in the store) and why they differ; which instance answers, and for one that
 * follows the store, the publication serving and the newest one seen.
 */
export function rulesStatusView({ registry, rules }: Pick<AppDeps, 'registry' | 'rules'>) {
  const origin = rules?.origin ?? FILES_ORIGIN;
  const status = registry.status();
  return {
    ...status,
    instance: rules?.instanceId ?? defaultInstanceId(),
    source: origin.source,
    publication: status.serving ? origin.publicationOf(status.serving.hash) : null,
    latestPublication: origin.latestSeen(),
    lastError: status.state === 'current' ? null : (status.problems[0] ?? status.state),
  };
}
