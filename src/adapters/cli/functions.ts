// `pa-policy functions`: every expression function and condition operator a rule file may use, with
// its arguments and an example, read from the engine's own registries (functions.ts, operators.ts)
// and their descriptions (function-docs.ts), so the list cannot fall behind the code.
import { parseArgs } from 'node:util';
import { FUNCTION_DOCS, OPERATOR_DOCS } from '../../domain/function-docs.js';
import { FUNCTIONS } from '../../domain/functions.js';
import { BUILT_IN_OPERATORS, OPERATOR_NAMES } from '../../domain/operators.js';
import { type CliIo, type ExitCode, line, type Paint, paintFor } from './io.js';

export async function functionsCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    strict: true,
  });
  const functions = Object.keys(FUNCTIONS)
    .sort()
    .map((name) => ({
      name,
      ...(FUNCTION_DOCS[name] ?? { description: '(undocumented)', args: {}, example: null }),
    }));
  const operators = [...OPERATOR_NAMES].sort().map((name) => ({
    name,
    builtIn: BUILT_IN_OPERATORS.includes(name),
    ...(OPERATOR_DOCS[name] ?? { description: '(undocumented)', example: null }),
  }));
  if (values.json) {
    line(io.stdout, JSON.stringify({ functions, operators }, null, 2));
    return 0;
  }
  const paint = paintFor(io);
  for (const l of formatFunctions(functions, operators, paint)) line(io.stdout, l);
  return 0;
}

type Documented<T> = T & { name: string };

function formatFunctions(
  functions: Documented<{
    description: string;
    args: Record<string, string>;
    example: { args: Record<string, unknown>; result: unknown } | null;
  }>[],
  operators: Documented<{
    builtIn: boolean;
    description: string;
    example: { fact: unknown; value: unknown; result: boolean } | null;
  }>[],
  paint: Paint,
): string[] {
  const out = [
    paint.bold('Expression functions'),
    paint.dim('  in computed facts and outputs: {"fn": NAME, "args": {ARG: expression, …}}'),
    '',
  ];
  for (const f of functions) {
    out.push(`  ${paint.bold(f.name)}(${Object.keys(f.args).join(', ')})`, `      ${f.description}`);
    for (const [arg, what] of Object.entries(f.args)) out.push(`      ${paint.dim(`${arg}:`)} ${what}`);
    if (f.example) {
      const call = Object.entries(f.example.args)
        .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
        .join(', ');
      out.push(`      e.g. ${f.name}(${call}) → ${JSON.stringify(f.example.result)}`);
    }
    out.push('');
  }
  out.push(
    paint.bold('Condition operators'),
    paint.dim('  in rule conditions: {"fact": NAME, "operator": OPERATOR, "value": …}'),
    '',
  );
  for (const o of operators) {
    out.push(
      `  ${paint.bold(o.name)}${o.builtIn ? paint.dim('  (json-rules-engine)') : ''}`,
      `      ${o.description}`,
    );
    if (o.example)
      out.push(
        `      e.g. fact ${JSON.stringify(o.example.fact)} ${o.name} ${JSON.stringify(o.example.value)} → ${o.example.result ? 'holds' : 'does not hold'}`,
      );
    out.push('');
  }
  out.push(`${functions.length} functions, ${operators.length} operators`);
  return out;
}
