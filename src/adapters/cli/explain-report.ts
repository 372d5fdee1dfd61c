// A decision with its trace [E-DECISION], laid out for a terminal: the answer first, then why
// (violations, outputs), then how (each rule's condition tree with the values seen, derived
// facts, and the parameters used with their dates and sources). Values are shown whole (long ones
// wrap, never cut); amounts in cents (names ending in `Cents`) are shown in euro beside them. A
// violation rule's conditions describe the breach, so one that did not fire reads "requirement met".
import { euro } from '../../application/text/citizen-format.js';
import type { ConditionTrace, Decision, ParameterUse, RuleTrace } from '../../domain/types.js';
import type { Paint } from './io.js';

export interface ExplanationOptions {
  /** Wrap lines longer than this many characters onto indented continuation lines; 0: never. */
  width?: number;
}

export function formatExplanation(d: Decision, paint: Paint, options: ExplanationOptions = {}): string[] {
  const width = options.width ?? 0;
  const lines = explanationLines(d, paint);
  return width > 0 ? lines.flatMap((l) => wrapLine(l, width)) : lines;
}

function explanationLines(d: Decision, paint: Paint): string[] {
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
  return names.map((n) => `  ${n.padEnd(width)}  ${valueText(values[n], n)}`);
}

/** The whole value as one-line JSON; an amount in cents (its name ends in `Cents`) also in euro. */
export function valueText(value: unknown, name = ''): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return name.endsWith('Cents') && Number.isInteger(value) ? `${text} (${euro(value as number)})` : text;
}

function formatRule(rule: RuleTrace, paint: Paint): string[] {
  const violation = rule.effect === 'violation';
  const mark = violation
    ? rule.fired
      ? paint.bad('✗ requirement broken')
      : paint.good('✓ requirement met   ')
    : rule.fired
      ? paint.good('✓ fired    ')
      : paint.dim('· not fired');
  const effect = violation ? `violation ${rule.code ?? ''}`.trim() : 'output';
  return [
    `  ${mark}  ${paint.bold(rule.name)}  ${paint.dim(`[${effect}]`)}`,
    `      ${rule.description}`,
    `      ${paint.dim(`source: ${rule.source}`)}`,
    ...(violation ? [`      ${paint.dim('broken when:')}`] : []),
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
  const fact = String(c.fact);
  const expected =
    ref && typeof ref === 'object' && typeof ref.fact === 'string'
      ? `${factLabel(ref.fact, ref.params)}${typeof ref.path === 'string' ? ` ${ref.path}` : ''}` +
        (c.result === undefined ? '' : ` (${valueText(c.valueResult, ref.fact)})`)
      : valueText(c.value, fact);
  const seen = c.result === undefined ? '' : ` → seen ${valueText(c.factResult, fact)}`;
  return [
    `${indent}${resultMark(c.result, paint)} ${factLabel(String(c.fact), c.params)}${path} ${paint.bold(String(c.operator))} ${expected}${seen}  ${resultWord(c.result, paint)}`,
  ];
}

/** `parameter` is read with a name: show which one. */
function factLabel(fact: string, params: Record<string, unknown> | undefined): string {
  return fact === 'parameter' && typeof params?.name === 'string' ? `parameter(${params.name})` : fact;
}

// A condition holding is neither good nor bad in itself (in a violation rule it is the breach), so
// its marks say what was seen, not a verdict.
function resultMark(result: boolean | undefined, paint: Paint): string {
  return result === undefined ? paint.dim('-') : result ? paint.bold('✓') : paint.dim('·');
}

function resultWord(result: boolean | undefined, paint: Paint): string {
  return result === undefined ? paint.dim('skipped') : result ? 'holds' : paint.dim('does not hold');
}

function formatParameter(use: ParameterUse, paint: Paint): string[] {
  const since = use.from === null ? 'no value in force' : `in force from ${use.from}`;
  return [
    `  ${paint.bold(use.name)} = ${valueText(use.value, use.name)}`,
    `      ${since} ${paint.dim(`(looked up for ${use.asOf})`)}`,
    `      ${paint.dim(`source: ${use.source ?? '(none)'}`)}`,
  ];
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matches the ANSI colour codes, which begin with ESC
const ANSI = /\x1b\[[0-9;]*m/y;

/**
 * A line cut into lines of at most `width` visible characters (colour codes kept and not counted),
 * broken after a comma or a space where one is near, continuation lines indented under the first.
 */
export function wrapLine(text: string, width: number): string[] {
  const units: Array<{ text: string; visible: boolean }> = [];
  for (let i = 0; i < text.length; ) {
    ANSI.lastIndex = i;
    const code = ANSI.exec(text);
    if (code) {
      units.push({ text: code[0], visible: false });
      i += code[0].length;
    } else {
      const char = String.fromCodePoint(text.codePointAt(i) as number);
      units.push({ text: char, visible: true });
      i += char.length;
    }
  }
  const visible = units.filter((u) => u.visible).length;
  if (visible <= width) return [text];
  const indent = ' '.repeat(Math.min((/^ */.exec(text)?.[0].length ?? 0) + 4, Math.floor(width / 2)));
  const room = Math.max(width - indent.length, 10);
  const out: string[] = [];
  let line = '';
  let first = true;
  let rest = units;
  while (rest.length > 0) {
    const limit = first ? width : room;
    let taken = 0;
    let end = 0;
    let lastBreak = -1;
    for (; end < rest.length; end++) {
      const u = rest[end] as { text: string; visible: boolean };
      if (u.visible) {
        if (taken === limit) break;
        taken++;
        if ((u.text === ',' || u.text === ' ') && taken > limit / 2) lastBreak = end + 1;
      }
    }
    const cut = end < rest.length && lastBreak > 0 ? lastBreak : end;
    line = rest
      .slice(0, cut)
      .map((u) => u.text)
      .join('');
    out.push(first ? line.trimEnd() : indent + line.trim());
    rest = rest.slice(cut);
    while (rest[0]?.visible && rest[0].text === ' ') rest = rest.slice(1);
    first = false;
  }
  return out;
}
