// Builds a Ruleset from parsed rule files and checks what a JSON Schema cannot: version windows
// without gaps or overlaps [E-DATE], references to facts, parameters, functions, operators and
// messages that exist, and derived facts without cycles. Every problem names file, JSON path, reason.
import { addDays, isIsoDate } from './dates.js';
import { expressionRefs } from './expressions.js';
import { FUNCTIONS } from './functions.js';
import { placeholders } from './messages.js';
import { OPERATOR_NAMES } from './operators.js';
import type { ConditionDef, Parameter, Policy, PolicyVersion, Ruleset } from './types.js';

export interface LoadIssue {
  file: string;
  /** JSON Pointer inside the file. */
  path: string;
  reason: string;
  /** Where in the file, when known without the pointer (a parse error); else found from `path`. */
  line?: number;
  column?: number;
}

export interface ParsedPolicyFile {
  file: string;
  doc: Omit<Policy, 'file' | 'secretFacts' | 'personalFacts' | 'assumptions' | 'spec' | 'versions'> & {
    spec?: string[];
    assumptions?: string[];
    secretFacts?: string[];
    personalFacts?: string[];
    versions: Array<Omit<PolicyVersion, 'effectiveTo' | 'computed' | 'outputs'> & Partial<PolicyVersion>>;
  };
}

export interface ParsedParametersFile {
  file: string;
  doc: { parameters: Record<string, Omit<Parameter, 'name' | 'file'>> };
}

/** Facts every policy may read besides its own: the evaluation date and parameters. */
export const BUILT_IN_FACTS = ['at', 'parameter'] as const;

export function buildRuleset(
  policyFiles: readonly ParsedPolicyFile[],
  parameterFiles: readonly ParsedParametersFile[],
  hash: string,
): { ruleset: Ruleset; issues: LoadIssue[] } {
  const issues: LoadIssue[] = [];
  const parameters = new Map<string, Parameter>();
  for (const { file, doc } of parameterFiles) {
    for (const [name, def] of Object.entries(doc.parameters)) {
      const path = `/parameters/${escapePointer(name)}`;
      const previous = parameters.get(name);
      if (previous) {
        issues.push({ file, path, reason: `parameter "${name}" is already declared in ${previous.file}` });
        continue;
      }
      checkHistory(def.history, file, `${path}/history`, issues);
      parameters.set(name, { ...def, name, file });
    }
  }

  const policies = new Map<string, Policy>();
  for (const { file, doc } of policyFiles) {
    const previous = policies.get(doc.id);
    if (previous) {
      issues.push({
        file,
        path: '/id',
        reason: `policy "${doc.id}" is already declared in ${previous.file}`,
      });
      continue;
    }
    const policy: Policy = {
      ...doc,
      spec: doc.spec ?? [],
      assumptions: doc.assumptions ?? [],
      secretFacts: doc.secretFacts ?? [],
      personalFacts: doc.personalFacts ?? [],
      file,
      versions: [...doc.versions]
        .map((v) => ({
          ...v,
          effectiveTo: v.effectiveTo ?? null,
          computed: v.computed ?? {},
          outputs: v.outputs ?? {},
        }))
        .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)),
    };
    checkPolicy(policy, doc.versions, parameters, issues);
    policies.set(doc.id, policy);
  }
  return { ruleset: { hash, policies, parameters }, issues };
}

/** Why a personalFacts pointer names no property of the facts schema (null: it does). */
function personalFactProblem(schema: Record<string, unknown>, pointer: string): string | null {
  if (!pointer.startsWith('/') || pointer === '/')
    return `"${pointer}" must be a JSON pointer such as /contact/email`;
  let node: unknown = schema;
  for (const token of pointer.slice(1).split('/').map(unescapePointer)) {
    const properties = (node as { properties?: Record<string, unknown> } | null)?.properties;
    if (!properties || !Object.hasOwn(properties, token))
      return `"${pointer}" is not a fact of this policy (no property "${token}" in its facts schema)`;
    node = properties[token];
  }
  return null;
}

const unescapePointer = (token: string) => token.replaceAll('~1', '/').replaceAll('~0', '~');

function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function checkHistory(history: Parameter['history'], file: string, path: string, issues: LoadIssue[]): void {
  history.forEach((entry, i) => {
    if (!isIsoDate(entry.from))
      issues.push({ file, path: `${path}/${i}/from`, reason: `"${entry.from}" is not a date` });
    const prev = history[i - 1];
    if (prev && prev.from >= entry.from)
      issues.push({
        file,
        path: `${path}/${i}/from`,
        reason: `dates must increase: ${entry.from} after ${prev.from}`,
      });
  });
}

function checkPolicy(
  policy: Policy,
  asWritten: ParsedPolicyFile['doc']['versions'],
  parameters: ReadonlyMap<string, Parameter>,
  issues: LoadIssue[],
): void {
  const file = policy.file;
  const inputFacts = Object.keys((policy.facts.properties ?? {}) as object);
  if (policy.defaultAt && !inputFacts.includes(policy.defaultAt))
    issues.push({ file, path: '/defaultAt', reason: `"${policy.defaultAt}" is not a fact of this policy` });
  for (const secret of policy.secretFacts)
    if (!inputFacts.includes(secret))
      issues.push({ file, path: '/secretFacts', reason: `"${secret}" is not a fact of this policy` });
  policy.personalFacts.forEach((pointer, i) => {
    const reason = personalFactProblem(policy.facts, pointer);
    if (reason) issues.push({ file, path: `/personalFacts/${i}`, reason });
  });

  for (const [code, texts] of Object.entries(policy.messages))
    for (const lang of ['it', 'en'] as const)
      for (const { kind, name } of placeholders(texts[lang])) {
        const path = `/messages/${code}/${lang}`;
        if (kind === 'param' && !parameters.has(name))
          issues.push({ file, path, reason: `unknown parameter "${name}" in placeholder` });
        const known = policy.versions.some((v) =>
          kind === 'output'
            ? name in v.outputs
            : name in v.computed || inputFacts.includes(name) || name === 'at',
        );
        if (kind !== 'param' && !known)
          issues.push({ file, path, reason: `unknown ${kind} "${name}" in placeholder` });
        if (kind === 'fact' && policy.secretFacts.includes(name))
          issues.push({ file, path, reason: `secret fact "${name}" must not be quoted in a message` });
        if (
          kind === 'fact' &&
          policy.personalFacts.some((p) => p === `/${name}` || p.startsWith(`/${name}/`))
        )
          issues.push({ file, path, reason: `personal fact "${name}" must not be quoted in a message` });
      }

  policy.versions.forEach((version, sortedIndex) => {
    const index = asWritten.findIndex((v) => v.effectiveFrom === version.effectiveFrom);
    const vpath = `/versions/${index}`;
    const { effectiveFrom: from, effectiveTo: to } = version;
    if (to !== null && to < from)
      issues.push({ file, path: `${vpath}/effectiveTo`, reason: `ends (${to}) before it starts (${from})` });
    const next = policy.versions[sortedIndex + 1];
    if (next) {
      if (to === null)
        issues.push({
          file,
          path: `${vpath}/effectiveTo`,
          reason: `open-ended but version ${next.effectiveFrom} follows`,
        });
      else if (next.effectiveFrom <= to)
        issues.push({
          file,
          path: `${vpath}/effectiveTo`,
          reason: `overlaps the version from ${next.effectiveFrom}`,
        });
      else if (next.effectiveFrom !== addDays(to, 1))
        issues.push({
          file,
          path: `${vpath}/effectiveTo`,
          reason: `gap between ${to} and ${next.effectiveFrom}`,
        });
    }
    checkVersion(policy, version, vpath, inputFacts, parameters, issues);
  });
}

function checkVersion(
  policy: Policy,
  version: PolicyVersion,
  vpath: string,
  inputFacts: string[],
  parameters: ReadonlyMap<string, Parameter>,
  issues: LoadIssue[],
): void {
  const file = policy.file;
  const computedNames = Object.keys(version.computed);
  const known = new Set<string>([...inputFacts, ...computedNames, ...BUILT_IN_FACTS]);
  for (const name of computedNames)
    if (inputFacts.includes(name) || (BUILT_IN_FACTS as readonly string[]).includes(name))
      issues.push({
        file,
        path: `${vpath}/computed/${name}`,
        reason: `"${name}" shadows an input or built-in fact`,
      });

  const checkExpr = (expr: unknown, path: string) => {
    const refs = expressionRefs(expr);
    for (const f of refs.facts) if (!known.has(f)) issues.push({ file, path, reason: `unknown fact "${f}"` });
    for (const p of refs.params)
      if (!parameters.has(p)) issues.push({ file, path, reason: `unknown parameter "${p}"` });
    for (const fn of refs.fns)
      if (!(fn in FUNCTIONS)) issues.push({ file, path, reason: `unknown function "${fn}"` });
    for (const bad of refs.invalid)
      issues.push({ file, path, reason: `not an expression: ${JSON.stringify(bad).slice(0, 80)}` });
  };
  for (const [name, expr] of Object.entries(version.computed)) checkExpr(expr, `${vpath}/computed/${name}`);
  for (const [name, expr] of Object.entries(version.outputs)) checkExpr(expr, `${vpath}/outputs/${name}`);
  const cycle = findCycle(version.computed);
  if (cycle)
    issues.push({
      file,
      path: `${vpath}/computed`,
      reason: `derived facts form a cycle: ${cycle.join(' → ')}`,
    });

  const names = new Set<string>();
  version.rules.forEach((rule, i) => {
    const rpath = `${vpath}/rules/${i}`;
    if (names.has(rule.name))
      issues.push({ file, path: `${rpath}/name`, reason: `duplicate rule name "${rule.name}"` });
    names.add(rule.name);
    const code = rule.event.params?.code;
    if (rule.event.type === 'violation' && !code)
      issues.push({ file, path: `${rpath}/event/params/code`, reason: 'a violation rule needs a code' });
    if (code && !policy.messages[code])
      issues.push({ file, path: `${rpath}/event/params/code`, reason: `no messages for code "${code}"` });
    for (const [name, expr] of Object.entries(rule.event.params?.outputs ?? {})) {
      if (!(name in version.outputs))
        issues.push({
          file,
          path: `${rpath}/event/params/outputs/${name}`,
          reason: `"${name}" is not an output of this version`,
        });
      checkExpr(expr, `${rpath}/event/params/outputs/${name}`);
    }
    checkCondition(rule.conditions, `${rpath}/conditions`, known, parameters, file, issues);
  });
}

function checkCondition(
  c: ConditionDef,
  path: string,
  known: ReadonlySet<string>,
  parameters: ReadonlyMap<string, Parameter>,
  file: string,
  issues: LoadIssue[],
): void {
  if (!('fact' in c)) {
    const [key, nested] = 'all' in c ? ['all', c.all] : 'any' in c ? ['any', c.any] : ['not', [c.not]];
    nested.forEach((sub, i) => {
      const subPath = key === 'not' ? `${path}/not` : `${path}/${key}/${i}`;
      checkCondition(sub, subPath, known, parameters, file, issues);
    });
    return;
  }
  const refs: Array<{ fact: string; params?: Record<string, unknown>; at: string }> = [
    { fact: c.fact, params: c.params, at: `${path}/fact` },
  ];
  const v = c.value as { fact?: unknown; params?: Record<string, unknown> } | null;
  if (v && typeof v === 'object' && typeof v.fact === 'string')
    refs.push({ fact: v.fact, params: v.params, at: `${path}/value/fact` });
  for (const ref of refs) {
    if (!known.has(ref.fact)) issues.push({ file, path: ref.at, reason: `unknown fact "${ref.fact}"` });
    if (ref.fact === 'parameter') {
      const name = ref.params?.name;
      if (typeof name !== 'string' || !parameters.has(name))
        issues.push({ file, path: ref.at, reason: `unknown parameter "${String(name)}"` });
    }
  }
  if (!OPERATOR_NAMES.has(c.operator))
    issues.push({ file, path: `${path}/operator`, reason: `unknown operator "${c.operator}"` });
}

function findCycle(computed: Record<string, unknown>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (name: string): string[] | null => {
    if (state.get(name) === 'done') return null;
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name];
    state.set(name, 'visiting');
    stack.push(name);
    for (const dep of expressionRefs(computed[name]).facts) {
      if (dep in computed) {
        const cycle = visit(dep);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(name, 'done');
    return null;
  };
  for (const name of Object.keys(computed)) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return null;
}
