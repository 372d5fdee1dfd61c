// The CLI entry: dispatch, --help for each command, bad arguments, and the npx launcher.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/adapters/cli/main.js';
import { captureIo, exemplarRules, removeCopies } from './support.js';

afterAll(removeCopies);

const BIN = fileURLToPath(new URL('../../bin/pa-policy.mjs', import.meta.url));

describe('pa-policy', () => {
  it('prints usage for every command with --help', async () => {
    const run = captureIo();
    expect(await runCli(['--help'], run.io)).toBe(0);
    for (const command of ['lint', 'test', 'explain'])
      expect(run.stdout()).toContain(`pa-policy ${command} `);
  });

  it('prints one command usage with `<command> --help` or `help <command>`', async () => {
    const run = captureIo();
    expect(await runCli(['test', '--help'], run.io)).toBe(0);
    expect(run.stdout()).toContain('--junit FILE');
    const help = captureIo();
    expect(await runCli(['help', 'explain'], help.io)).toBe(0);
    expect(help.stdout()).toContain('--facts FILE');
  });

  it('exits 2 on an unknown command, a missing command or an unknown option', async () => {
    const unknown = captureIo();
    expect(await runCli(['frobnicate'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toContain('unknown command "frobnicate"');
    expect(await runCli([], captureIo().io)).toBe(2);
    const option = captureIo();
    expect(await runCli(['lint', '--nope'], option.io)).toBe(2);
    expect(option.stderr()).toContain("Unknown option '--nope'");
  });

  it('runs from the launcher in bin/', async () => {
    const dir = await exemplarRules();
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'lint', '--rules', dir], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toMatch(/^ok: 1 policy/m);
  }, 30_000);

  it('exits 2 from the launcher when the rules folder cannot be read', async () => {
    const run = promisify(execFile)(process.execPath, [BIN, 'lint', '--rules', '/nonexistent/rules']);
    await expect(run).rejects.toMatchObject({ code: 2 });
  }, 30_000);
});
