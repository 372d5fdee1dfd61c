// Generates a violation's messages with their placeholders filled in, as ../messages.ts
// `fillMessages` fills them (same pattern, same rendering), the template split once per version.
import { PLACEHOLDER, type PlaceholderKind } from '../messages.js';
import type { Messages } from '../types.js';
import { type CompileEnvironment, NotCompilable } from './environment.js';
import { literal } from './source.js';

/** `{it: …, en: …}`; reads `out`, the outputs set so far in the generated function. */
export function messagesCode(template: Messages, env: CompileEnvironment): string {
  if (typeof template.it !== 'string' || typeof template.en !== 'string') throw new NotCompilable('message');
  return `{it: ${textCode(template.it, env)}, en: ${textCode(template.en, env)}}`;
}

function textCode(text: string, env: CompileEnvironment): string {
  // split() with the pattern's two capture groups gives [text, kind, name, text, kind, name, …, text].
  const parts = text.split(PLACEHOLDER);
  const code: string[] = [literal(parts[0] as string)];
  for (let i = 1; i + 1 < parts.length; i += 3) {
    const kind = parts[i] as PlaceholderKind;
    const name = parts[i + 1] as string;
    const value =
      kind === 'output' ? `out[${literal(name)}]` : kind === 'fact' ? env.exprFact(name) : env.param(name);
    code.push(`h.render(${value})`, literal(parts[i + 2] as string));
  }
  return `(${code.join(' + ')})`;
}
