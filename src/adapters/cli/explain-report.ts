// A decision with its trace [E-DECISION], laid out for a terminal: the answer first, then why
// (violations, outputs), then how (each rule's condition tree with the values seen, derived
// facts, and the parameters used with their dates and sources).
import type { ConditionTrace, Decision, ParameterUse, RuleTrace } from '../../domain/types.js';
import type { Paint } from './io.js';
import { compact } from './values.js';

export function formatExplanation(d: Decision, paint: Paint): string[] {
  const window = `${d.version.effectiveFrom} → ${d.version.effectiveTo ?? 'open-ended'}`;
  const outcome = d.outcome === 'allow' ? paint.good('ALLOW') : paint.bad('DENY');
  const out = [
    `${label('Policy')}${paint.bold(d.policy)}`,
    `${label('Title')}${d.title}`,
    `${label('Version')}${window}`,
    `${label('At')}${d.at}`,
    `${label('Ruleset')}${d.rulesetHash}`,
    `${label('Outcome')}${outcome}`,
    '',
    paint.bold('Violations'),
  ];
  if (d.violations.length === 0) out.push(paint.dim('  (none)'));
  for (const v of d.violations)
    out.push(
      `  ${paint.bad(v.code)}  ${paint.dim(`rule ${v.rule}`)}`,
      `    it: ${v.message.it}`,
      `    en: ${v.message.en}`,
      `    ${paint.dim(`source: ${v.source}`)}`,
    );
  out.push('', paint.bold('Outputs'), ...namedValues(d.outputs, paint), '');

  out.push(paint.bold('Rules'));
  for (const rule of d.trace?.rules ?? []) out.push(...formatRule(rule, paint));
  out.push(paint.bold('Derived facts'), ...namedValues(d.trace?.computed ?? d.computed, paint), '');
  out.push(paint.bold('Parameters used'));
  const uses = d.trace?.parameters ?? [];
  if (uses.length === 0) out.push(paint.dim('  (none)'));
  for (const use of uses) out.push(...formatParameter(use, paint));
  return out;
}

const label = (text: string) => `${text}:`.padEnd(10);

function namedValues(values: Record<string, unknown>, paint: Paint): string[] {
  const names = Object.keys(values);
  if (names.length === 0) return [paint.dim('  (none)')];
  const width = Math.max(...names.map((n) => n.length));
  return names.map((n) => `  ${n.padEnd(width)}  ${compact(values[n])}`);
}

function formatRule(rule: RuleTrace, paint: Paint): string[] {
  const mark = rule.fired ? paint.good('✓ fired    ') : paint.dim('· not fired');
  const effect = rule.effect === 'violation' ? `violation ${rule.code ?? ''}`.trim() : 'output';
  return [
    `  ${mark}  ${paint.bold(rule.name)}  ${paint.dim(`[${effect}]`)}`,
    `      ${rule.description}`,
    `      ${paint.dim(`source: ${rule.source}`)}`,
    // The root of the tree carries no result of its own: the rule's result is its result.
    ...formatCondition({ ...rule.conditions, result: rule.fired }, '      ', paint),
    '',
  ];
}

export function formatCondition(c: ConditionTrace, indent: string, paint: Paint): string[] {
  const children: Array<[string, ConditionTrace[]]> = [];
  if (c.all) children.push(['all of', c.all]);
  if (c.any) children.push(['any of', c.any]);
  if (c.not) children.push(['not', [c.not]]);
  const [kind, nested] = children[0] ?? [];
  if (kind && nested)
    return [
      `${indent}${resultMark(c.result, paint)} ${kind}  ${resultWord(c.result, paint)}`,
      ...nested.flatMap((sub) => formatCondition(sub, `${indent}    `, paint)),
    ];
  const path = c.path ? ` ${c.path}` : '';
  const ref = c.value as { fact?: unknown; params?: Record<string, unknown>; path?: unknown } | null;
  const expected =
    ref && typeof ref === 'object' && typeof ref.fact === 'string'
      ? `${factLabel(ref.fact, ref.params)}${typeof ref.path === 'string' ? ` ${ref.path}` : ''}` +
        (c.result === undefined ? '' : ` (${compact(c.valueResult)})`)
      : compact(c.value);
  const seen = c.result === undefined ? '' : ` → seen ${compact(c.factResult)}`;
  return [
    `${indent}${resultMark(c.result, paint)} ${factLabel(String(c.fact), c.params)}${path} ${paint.bold(String(c.operator))} ${expected}${seen}  ${resultWord(c.result, paint)}`,
  ];
}

/** `parameter` is read with a name: show which one. */
function factLabel(fact: string, params: Record<string, unknown> | undefined): string {
  return fact === 'parameter' && typeof params?.name === 'string' ? `parameter(${params.name})` : fact;
}

function resultMark(result: boolean | undefined, paint: Paint): string {
  return result === undefined ? paint.dim('-') : result ? paint.good('✓') : paint.bad('✗');
}

function resultWord(result: boolean | undefined, paint: Paint): string {
  return result === undefined ? paint.dim('skipped') : result ? paint.good('pass') : paint.bad('fail');
}

function formatParameter(use: ParameterUse, paint: Paint): string[] {
  const since = use.from === null ? 'no value in force' : `in force from ${use.from}`;
  return [
    `  ${paint.bold(use.name)} = ${compact(use.value)}`,
    `      ${since} ${paint.dim(`(looked up for ${use.asOf})`)}`,
    `      ${paint.dim(`source: ${use.source ?? '(none)'}`)}`,
  ];
}
