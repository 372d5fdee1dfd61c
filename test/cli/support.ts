// Helpers for the CLI tests: a captured io, and a temp copy of rules/ holding only the exemplar
// policy (albo.payment-deadline) so other policies being edited cannot disturb these tests.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../../src/adapters/cli/io.js';
import { RULES_DIR } from '../support/load-rules.js';

export interface Captured {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

export function captureIo(stdin?: string): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (t: string) => out.push(t) },
      stderr: { write: (t: string) => err.push(t) },
      env: {},
      ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

const KEPT = /^(schema(\/.*)?|albo|albo\/payment-deadline\..*)$/;

/** A fresh temp folder with rules/schema and rules/albo/payment-deadline.* copied from the repo. */
const created: string[] = [];

export async function exemplarRules(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pa-policy-cli-'));
  created.push(dir);
  await cp(RULES_DIR, dir, {
    recursive: true,
    filter: (src) => {
      const path = relative(RULES_DIR, src).split(sep).join('/');
      return path === '' || KEPT.test(path);
    },
  });
  return dir;
}

/** For afterAll: removes every copy this test file made. */
export async function removeCopies(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export const POLICY_FILE = 'albo/payment-deadline.policy.json';
export const PARAMETERS_FILE = 'albo/payment-deadline.parameters.json';
export const SUITE_FILE = 'albo/payment-deadline.suite.yaml';

export async function editJson<T>(dir: string, file: string, edit: (doc: T) => void) {
  const doc = JSON.parse(await readFile(join(dir, file), 'utf8')) as T;
  edit(doc);
  await writeFile(join(dir, file), JSON.stringify(doc, null, 2));
}

/** Replaces one exact piece of text in a file, failing loudly when the exemplar has changed. */
export async function editText(dir: string, file: string, from: string, to: string) {
  const text = await readFile(join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  await writeFile(join(dir, file), text.replace(from, to));
}

/**
 * A rough well-formedness check: tags balance, attributes are quoted, and text holds no raw `<`
 * or stray `&`. Returns the problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  for (const token of body.match(/<[^>]*>|[^<]+|</g) ?? []) {
    if (token === '<') return 'raw < in text';
    if (!token.startsWith('<')) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(token)) return `stray & in ${JSON.stringify(token)}`;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!tag) return `malformed tag ${token}`;
    const [, closing, name, , selfClosing] = tag;
    if (closing) {
      if (stack.pop() !== name) return `unbalanced </${name}>`;
    } else if (!selfClosing) stack.push(name as string);
  }
  return stack.length === 0 ? null : `unclosed <${stack.join('>, <')}>`;
}

export const count = (text: string, needle: string) => text.split(needle).length - 1;
