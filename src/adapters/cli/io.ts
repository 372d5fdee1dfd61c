// What a command may touch of the outside world, passed in so tests run commands in-process
// and read what they printed.
import type { Readable } from 'node:stream';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width in characters. */
  columns?: number;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  /** For `--facts -`. */
  stdin?: Readable;
  /** Defaults to process.env; read for NO_COLOR. */
  env?: Record<string, string | undefined>;
}

/** A command's result: 0 all good, 1 findings (issues, failed cases, coverage gaps), 2 could not run. */
export type ExitCode = 0 | 1 | 2;

export type Command = (args: string[], io: CliIo) => Promise<ExitCode>;

/** Terminal styling; the plain variant is used for files, pipes and NO_COLOR. */
export interface Paint {
  good(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

export const PLAIN: Paint = { good: (t) => t, bad: (t) => t, warn: (t) => t, dim: (t) => t, bold: (t) => t };

const COLOR: Paint = {
  good: ansi(32, 39),
  bad: ansi(31, 39),
  warn: ansi(33, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
};

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function paintFor(io: CliIo): Paint {
  const env = io.env ?? process.env;
  return io.stdout.isTTY === true && !env.NO_COLOR ? COLOR : PLAIN;
}

export function line(out: Output, text = ''): void {
  out.write(`${text}\n`);
}
