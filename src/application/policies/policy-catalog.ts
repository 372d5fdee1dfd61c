// What the API publishes about the policies in force [E-FILES][E-PARAMS]: each policy's dated
// versions, its rules' metadata, and every parameter it reads with the dated history and sources.
import { romeDateOf } from '../../domain/dates.js';
import { versionInForce } from '../../domain/evaluate.js';
import { expressionRefs } from '../../domain/expressions.js';
import { entryInForce } from '../../domain/parameters.js';
import type {
  ConditionDef,
  DatedValue,
  Messages,
  Policy,
  PolicyVersion,
  Ruleset,
} from '../../domain/types.js';
import type { Clock } from '../ports/clock.js';
import type { RulesetRegistry } from '../rules/ruleset-registry.js';

export interface VersionWindow {
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface PolicySummary {
  id: string;
  title: string;
  spec: string[];
  versions: VersionWindow[];
  /** The version in force today (Europe/Rome), if any. */
  currentVersion: VersionWindow | null;
}

export interface RuleSummary {
  name: string;
  description: string;
  source: string;
  effect: 'violation' | 'output';
  code?: string;
  /** The rule's conditions as written (json-rules-engine `all`/`any`/`not` of fact comparisons). */
  conditions: ConditionDef;
}

export interface VersionDetail extends VersionWindow {
  rules: RuleSummary[];
  /** Names of the parameters this version reads. */
  parameters: string[];
}

export interface ParameterDetail {
  name: string;
  description: string;
  spec: string[];
  unit?: string;
  file: string;
  /** The value in force today, null when unset. */
  valueToday: unknown;
  history: DatedValue[];
}

export interface PolicyDetail {
  id: string;
  title: string;
  spec: string[];
  file: string;
  rulesetHash: string;
  sources: string[];
  assumptions: string[];
  facts: Record<string, unknown>;
  secretFacts: string[];
  personalFacts: string[];
  defaultAt?: string;
  messages: Record<string, Messages>;
  currentVersion: VersionWindow | null;
  versions: VersionDetail[];
  parameters: ParameterDetail[];
}

export class PolicyCatalog {
  constructor(
    private readonly registry: RulesetRegistry,
    private readonly clock: Clock,
  ) {}

  list(): PolicySummary[] {
    const today = romeDateOf(this.clock.now());
    const policies = [...this.registry.current().ruleset.policies.values()];
    return policies
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((p) => ({
        id: p.id,
        title: p.title,
        spec: p.spec,
        versions: p.versions.map(windowOf),
        currentVersion: current(p, today),
      }));
  }

  get(id: string): PolicyDetail | null {
    const ruleset = this.registry.current().ruleset;
    const policy = ruleset.policies.get(id);
    if (!policy) return null;
    const today = romeDateOf(this.clock.now());
    const versions = policy.versions.map((v) => ({
      ...windowOf(v),
      rules: v.rules.map((r) => ({
        name: r.name,
        description: r.description,
        source: r.source,
        effect: r.event.type,
        ...(r.event.params?.code ? { code: r.event.params.code } : {}),
        conditions: r.conditions,
      })),
      parameters: referencedParameters(v),
    }));
    const names = [...new Set(versions.flatMap((v) => v.parameters))].sort();
    return {
      id: policy.id,
      title: policy.title,
      spec: policy.spec,
      file: policy.file,
      rulesetHash: ruleset.hash,
      sources: policy.sources,
      assumptions: policy.assumptions,
      facts: policy.facts,
      secretFacts: policy.secretFacts,
      personalFacts: policy.personalFacts,
      ...(policy.defaultAt ? { defaultAt: policy.defaultAt } : {}),
      messages: policy.messages,
      currentVersion: current(policy, today),
      versions,
      parameters: names.flatMap((name) => parameterDetail(ruleset, name, today)),
    };
  }
}

/** Every parameter a version reads: in derived facts, outputs, rule outputs and `parameter` conditions. */
export function referencedParameters(version: PolicyVersion): string[] {
  const names = new Set<string>();
  const fromExpr = (expr: unknown) => {
    for (const name of expressionRefs(expr).params) names.add(name);
  };
  Object.values(version.computed).forEach(fromExpr);
  Object.values(version.outputs).forEach(fromExpr);
  for (const rule of version.rules) {
    Object.values(rule.event.params?.outputs ?? {}).forEach(fromExpr);
    for (const name of conditionParameters(rule.conditions)) names.add(name);
  }
  return [...names].sort();
}

function conditionParameters(c: ConditionDef): string[] {
  if ('all' in c) return c.all.flatMap(conditionParameters);
  if ('any' in c) return c.any.flatMap(conditionParameters);
  if ('not' in c) return conditionParameters(c.not);
  const found: string[] = [];
  if (c.fact === 'parameter' && typeof c.params?.name === 'string') found.push(c.params.name);
  const value = c.value as { fact?: unknown; params?: { name?: unknown } } | null;
  if (
    value &&
    typeof value === 'object' &&
    value.fact === 'parameter' &&
    typeof value.params?.name === 'string'
  )
    found.push(value.params.name);
  return found;
}

function parameterDetail(ruleset: Ruleset, name: string, today: string): ParameterDetail[] {
  const p = ruleset.parameters.get(name);
  if (!p) return [];
  return [
    {
      name,
      description: p.description,
      spec: p.spec ?? [],
      ...(p.unit ? { unit: p.unit } : {}),
      file: p.file,
      valueToday: entryInForce(p.history, today)?.value ?? null,
      history: p.history,
    },
  ];
}

const windowOf = (v: PolicyVersion): VersionWindow => ({
  effectiveFrom: v.effectiveFrom,
  effectiveTo: v.effectiveTo,
});

function current(policy: Policy, today: string): VersionWindow | null {
  const v = versionInForce(policy, today);
  return v ? windowOf(v) : null;
}
