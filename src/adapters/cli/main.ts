// Entry point of the maintainer/auditor CLI: picks the command and hands it the process's streams.
// Each command is a function (args, io) → exit code, so tests run them in-process.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { explainCommand } from './explain.js';
import { functionsCommand } from './functions.js';
import { impactCommand } from './impact.js';
import { type CliIo, type Command, type ExitCode, line } from './io.js';
import { lintCommand } from './lint.js';
import { publishCommand } from './publish.js';
import { testCommand } from './test-command.js';
import { COMMAND_USAGE, type CommandName, USAGE } from './usage.js';

const COMMANDS: Record<CommandName, Command> = {
  lint: lintCommand,
  test: testCommand,
  explain: explainCommand,
  impact: impactCommand,
  functions: functionsCommand,
  publish: publishCommand,
};

const isCommand = (name: string | undefined): name is CommandName => name !== undefined && name in COMMANDS;

export async function runCli(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined) {
    line(io.stderr, USAGE);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = args[0];
    line(io.stdout, isCommand(topic) ? COMMAND_USAGE[topic] : USAGE);
    return 0;
  }
  if (!isCommand(name)) {
    line(io.stderr, `unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    line(io.stdout, COMMAND_USAGE[name]);
    return 0;
  }
  try {
    return await COMMANDS[name](args, io);
  } catch (e) {
    // parseArgs rejects unknown options and missing values with a readable message.
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      line(io.stderr, `${(e as Error).message}\n\n${COMMAND_USAGE[name]}`);
      return 2;
    }
    throw e;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

// `tsx src/adapters/cli/main.ts …` (the npm scripts); bin/pa-policy.mjs calls runCli itself.
if (isEntryPoint()) {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
}
