// Violation messages may quote values instead of repeating them [E-MESSAGES]: `{param:NAME}` (the
// value in force on `at`), `{fact:NAME}` (input or derived fact) and `{output:NAME}`. A maintainer
// who changes a threshold then changes the message with it.
import type { Messages } from './types.js';

/** Shared with compile/messages.ts, which splits each template once instead of on every violation. */
export const PLACEHOLDER = /\{(param|fact|output):([A-Za-z0-9._-]+)\}/g;

export type PlaceholderKind = 'param' | 'fact' | 'output';

export function placeholders(text: string): Array<{ kind: PlaceholderKind; name: string }> {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({
    kind: m[1] as PlaceholderKind,
    name: m[2] as string,
  }));
}

export function fillMessages(
  messages: Messages,
  placeholderValue: (kind: PlaceholderKind, name: string) => unknown,
): Messages {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_whole, kind: PlaceholderKind, name: string) =>
      render(placeholderValue(kind, name)),
    );
  return { it: fill(messages.it), en: fill(messages.en) };
}

/** How a quoted value reads in a message. */
export function render(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
