// `pa-policy explain <policy> --facts FILE`: one decision with its full trace [E-DECISION], so a
// maintainer or auditor sees which rule fired on which value and which parameter it read.
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { decideOn } from '../../application/decisions/decide.js';
import { errorDetails } from './diff.js';
import { formatExplanation } from './explain-report.js';
import { type CliIo, type ExitCode, line, paintFor } from './io.js';
import { loadValidRulesFolder, rulesDirFrom } from './rules-folder.js';

export async function explainCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      rules: { type: 'string' },
      facts: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean', default: false },
      width: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [policy, ...extra] = positionals;
  const width = widthFrom(values.width, io);
  if (!policy || extra.length > 0 || values.facts === undefined || width === null) {
    line(
      io.stderr,
      'usage: pa-policy explain <policy> --facts FILE|- [--at YYYY-MM-DD] [--width N] [--json] [--rules DIR]',
    );
    return 2;
  }
  const facts = await readFacts(values.facts, io);
  if (!facts.ok) {
    line(io.stderr, facts.reason);
    return 2;
  }
  const loaded = await loadValidRulesFolder(rulesDirFrom(values.rules), io);
  if (!loaded) return 2;
  if (!loaded.ruleset.policies.has(policy)) {
    line(io.stderr, `unknown policy "${policy}"; known policies:`);
    for (const id of [...loaded.ruleset.policies.keys()].sort()) line(io.stderr, `  ${id}`);
    return 2;
  }

  const result = await decideOn(
    loaded,
    { policy, facts: facts.value, ...(values.at !== undefined ? { at: values.at } : {}), trace: true },
    new Date(),
  );
  if (!result.ok) {
    const error = result.error;
    if (values.json) line(io.stdout, JSON.stringify({ error }, null, 2));
    line(
      io.stderr,
      error.code === 'INVALID_FACTS'
        ? `the facts do not match the facts schema of ${policy}:`
        : `cannot evaluate ${policy}: ${error.code}`,
    );
    for (const detail of errorDetails(error)) line(io.stderr, `  ${detail}`);
    return 2;
  }
  if (values.json) line(io.stdout, JSON.stringify(result.value, null, 2));
  else for (const l of formatExplanation(result.value, paintFor(io), { width })) line(io.stdout, l);
  return 0;
}

/** `--width N` (0: never wrap); by default a terminal's width, and no wrapping into a file or pipe. */
function widthFrom(option: string | undefined, io: CliIo): number | null {
  if (option === undefined) return io.stdout.isTTY ? (io.stdout.columns ?? 100) : 0;
  return /^\d+$/.test(option) && (Number(option) === 0 || Number(option) >= 40) ? Number(option) : null;
}

/** JSON when the file says so, YAML otherwise (YAML also reads JSON, e.g. from stdin). */
async function readFacts(
  file: string,
  io: CliIo,
): Promise<{ ok: true; value: unknown } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = file === '-' ? await readStream(io.stdin ?? process.stdin) : await readFile(file, 'utf8');
  } catch (e) {
    return { ok: false, reason: `cannot read the facts from ${file}: ${(e as Error).message}` };
  }
  try {
    return { ok: true, value: file.endsWith('.json') ? JSON.parse(text) : parseYaml(text) };
  } catch (e) {
    return { ok: false, reason: `cannot parse the facts in ${file}: ${(e as Error).message}` };
  }
}

async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
