#!/usr/bin/env node
// Launcher for `npx pa-policy …`: registers tsx so the TypeScript sources run without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/adapters/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
