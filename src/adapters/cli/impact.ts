// `pa-policy impact`: what an edit of the rules changes beyond the auditor's cases. Logged decisions
// (an export of the decision log, or MongoDB's) and every suite case are evaluated under the rule
// set before (`--from`: a folder, or an archived set by hash) and after (`--to`, the edited folder).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type ImpactAnswer, type ImpactReport, ruleImpact } from '../../application/audit/impact.js';
import { latestDecisions } from '../../application/decisions/latest-decisions.js';
import type { LoggedDecision } from '../../application/ports/decision-log.js';
import { type LoadedRuleset, loadRuleset } from '../../application/rules/load-ruleset.js';
import type { MongoConnection } from '../mongo/mongo-connection.js';
import { MongoDecisionLog } from '../mongo/mongo-decision-log.js';
import { MongoRulesetArchive } from '../mongo/mongo-ruleset-archive.js';
import { AjvSchemaValidator } from '../rules/ajv-schema-validator.js';
import { FsRuleFileSource } from '../rules/fs-rule-file-source.js';
import { type CliIo, type ExitCode, line, type Paint, paintFor } from './io.js';
import { connectForCli } from './mongo-connect.js';
import { loadValidRulesFolder, printIssues, rulesDirFrom } from './rules-folder.js';
import { compact, plural } from './values.js';

const HASH = /^sha256:[0-9a-f]{8,64}$/;

export async function impactCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: {
      rules: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      decisions: { type: 'string' },
      mongodb: { type: 'string' },
      since: { type: 'string' },
      limit: { type: 'string' },
      policy: { type: 'string', multiple: true },
      examples: { type: 'string' },
      'no-cases': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const usage =
    'usage: pa-policy impact --from DIR|HASH [--to DIR] [--decisions FILE | --mongodb URI] (see --help)';
  if (values.from === undefined || (values.decisions !== undefined && values.mongodb !== undefined)) {
    line(io.stderr, usage);
    return 2;
  }
  const limit = positiveInteger(values.limit, 1000);
  const examples = positiveInteger(values.examples, 5);
  if (limit === null || examples === null) {
    line(io.stderr, '--limit and --examples take a positive whole number');
    return 2;
  }
  const mongo = values.mongodb === undefined ? null : await connectForCli(values.mongodb, io);
  if (values.mongodb !== undefined && !mongo) return 2;
  try {
    const toDir = rulesDirFrom(values.to ?? values.rules);
    const after = await loadValidRulesFolder(toDir, io);
    if (!after) return 2;
    const before = await loadFrom(values.from, toDir, mongo, io);
    if (!before) return 2;

    let decisions: LoggedDecision[] = [];
    if (values.decisions !== undefined) {
      const read = await readDecisions(values.decisions);
      if (!read.ok) {
        line(io.stderr, read.reason);
        return 2;
      }
      decisions = read.value
        .filter((d) => values.since === undefined || d.time >= values.since)
        .slice(-limit);
    } else if (mongo)
      decisions = await latestDecisions(new MongoDecisionLog(mongo.db), {
        limit,
        ...(values.since !== undefined ? { since: values.since } : {}),
        ...(values.policy?.length === 1 ? { policy: values.policy[0] as string } : {}),
      });

    const report = await ruleImpact({
      before,
      after,
      decisions,
      cases: !values['no-cases'],
      ...(values.policy ? { policies: values.policy } : {}),
      examples,
      now: new Date(),
    });
    if (values.json) line(io.stdout, JSON.stringify(report, null, 2));
    else for (const l of formatImpact(report, paintFor(io))) line(io.stdout, l);
    return 0;
  } finally {
    await mongo?.close();
  }
}

function positiveInteger(text: string | undefined, fallback: number): number | null {
  if (text === undefined) return fallback;
  return /^[1-9]\d*$/.test(text) ? Number(text) : null;
}

/** `--from`: a rules folder, or the hash of a set in MongoDB's archive (schemas borrowed from `--to`). */
async function loadFrom(
  from: string,
  toDir: string,
  mongo: MongoConnection | null,
  io: CliIo,
): Promise<LoadedRuleset | null> {
  if (!HASH.test(from)) return loadValidRulesFolder(rulesDirFrom(from), io);
  if (!mongo) {
    line(io.stderr, `--from ${from} is a rule set hash: give --mongodb URI to read it from the archive`);
    return null;
  }
  const files = await new MongoRulesetArchive(mongo.db).get(from);
  if (!files) {
    line(io.stderr, `no rule set ${from} in the archive`);
    return null;
  }
  const schemas = (await new FsRuleFileSource(toDir).readAll()).filter((f) => f.path.startsWith('schema/'));
  const loaded = loadRuleset([...schemas, ...files], new AjvSchemaValidator());
  if (!loaded.ok) {
    line(io.stderr, `the archived rule set ${from} does not load with the schemas of ${toDir}:`);
    printIssues(loaded.issues, files, io.stderr);
    return null;
  }
  return loaded.value;
}

/** A decision log export: a JSON array of logged decisions, or one per line (NDJSON). */
async function readDecisions(
  file: string,
): Promise<{ ok: true; value: LoggedDecision[] } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, reason: `cannot read the decisions from ${file}: ${(e as Error).message}` };
  }
  try {
    const parsed: unknown[] = text.trimStart().startsWith('[')
      ? (JSON.parse(text) as unknown[])
      : text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as unknown);
    const bad = parsed.findIndex((d) => !isLoggedDecision(d));
    if (bad >= 0) return { ok: false, reason: `${file}: entry ${bad + 1} is not a logged decision` };
    return { ok: true, value: parsed as LoggedDecision[] };
  } catch (e) {
    return { ok: false, reason: `cannot parse the decisions in ${file}: ${(e as Error).message}` };
  }
}

function isLoggedDecision(value: unknown): value is LoggedDecision {
  const d = value as Partial<LoggedDecision> | null;
  return (
    d !== null &&
    typeof d === 'object' &&
    typeof d.id === 'string' &&
    typeof d.policy === 'string' &&
    typeof d.at === 'string' &&
    typeof d.time === 'string' &&
    d.facts !== null &&
    typeof d.facts === 'object' &&
    Array.isArray(d.redacted ?? [])
  );
}

export function formatImpact(report: ImpactReport, paint: Paint): string[] {
  const out = [
    `${paint.bold('Impact')} of ${report.beforeHash} → ${report.afterHash}`,
    `  ${plural(report.decisions, 'logged decision')} and ${plural(report.cases, 'suite case')} evaluated under both`,
    '',
  ];
  for (const p of report.policies) {
    const counts = paint.dim(`decisions ${p.decisions} · cases ${p.cases}`);
    if (p.changed === 0) {
      out.push(`${paint.bold(p.policy)}  ${counts}  ${paint.good('no change')}`);
      continue;
    }
    const what = `outcome ${p.outcomes}, violations ${p.violations}, outputs ${p.outputs}${p.errors ? `, errors ${p.errors}` : ''}`;
    out.push(`${paint.bold(p.policy)}  ${counts}  ${paint.bad(`${p.changed} changed`)} (${what})`);
    for (const e of p.examples) {
      out.push(`    ${e.kind} ${e.id}  ${paint.dim(`at ${e.at}`)}`);
      for (const field of e.changed)
        out.push(`        ${field}: ${answerPart(e.before, field)} → ${answerPart(e.after, field)}`);
    }
    if (p.changed > p.examples.length) out.push(paint.dim(`    … and ${p.changed - p.examples.length} more`));
  }
  out.push('');
  if (report.changedDecisions.length === 0) out.push('no logged decision changes');
  else {
    out.push(
      `${plural(report.changedDecisions.length, 'logged decision')} change: ${report.changedDecisions.join(', ')}`,
    );
    out.push(
      report.changedOutcomes.length === 0
        ? 'no logged outcome changes'
        : `outcome changes: ${report.changedOutcomes.join(', ')}`,
    );
  }
  return out;
}

function answerPart(answer: ImpactAnswer, field: string): string {
  if ('error' in answer) return field === 'error' ? answer.error : `(error ${answer.error})`;
  if (field === 'error') return answer.outcome;
  if (field === 'outcome') return answer.outcome;
  if (field === 'violations') return `[${answer.violations.join(', ')}]`;
  return compact(answer.outputs[field.slice('outputs.'.length)] ?? null);
}
