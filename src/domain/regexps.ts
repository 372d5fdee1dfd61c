// Patterns come from rule files and parameters (character classes, code formats): a handful, used
// on every decision. Compiling one costs about a microsecond; a RegExp without the g or y flag keeps
// no state between test/exec calls, so one compiled object can serve every caller.
const compiled = new Map<string, RegExp>();
/** Bounded: a pattern can also come from a fact, i.e. from a caller. */
const MAX_PATTERNS = 256;

/** `new RegExp(pattern, 'u')`, shared; a bad pattern throws the same SyntaxError on every call. */
export function unicodeRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = new RegExp(pattern, 'u');
    if (compiled.size >= MAX_PATTERNS) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}
