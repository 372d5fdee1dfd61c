// ReDoS check with recheck (automaton analysis, fuzzing when the automaton is too large). It runs
// off the event loop (recheck's native agent, else a worker) and each pattern once per process,
// whichever instance asks: the same patterns come back on every reload and every CLI command.
import { check } from 'recheck';
import type { PatternChecker, PatternVerdict } from '../../application/ports/pattern-checker.js';

const verdicts = new Map<string, Promise<PatternVerdict>>();
/**
 * The first check starts recheck's agent; the others wait for it, then go together (concurrent
 * first calls would each start an agent of their own).
 */
let agentStarted: Promise<unknown> | null = null;

export class RecheckPatternChecker implements PatternChecker {
  constructor(private readonly timeoutMs = 10_000) {}

  check(pattern: string, flags: string): Promise<PatternVerdict> {
    const key = `${flags}/${pattern}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      const run = () => this.run(pattern, flags);
      verdict = agentStarted ? agentStarted.then(run) : run();
      agentStarted ??= verdict;
      verdicts.set(key, verdict);
      // A checker that failed to run (not a pattern it could not decide) is asked again next time.
      verdict.then(
        (v) => v.status === 'unknown' && v.reason.startsWith('checker failed') && verdicts.delete(key),
      );
    }
    return verdict;
  }

  private async run(pattern: string, flags: string): Promise<PatternVerdict> {
    try {
      const d = await check(pattern, flags, { timeout: this.timeoutMs });
      if (d.status === 'safe') return { status: 'safe' };
      if (d.status === 'vulnerable') {
        const attack = d.attack.pattern.length > 60 ? `${d.attack.pattern.slice(0, 60)}…` : d.attack.pattern;
        return {
          status: 'vulnerable',
          reason: `${d.complexity.summary} backtracking, e.g. on ${attack}`,
        };
      }
      const error = d.error as { kind?: string; message?: string };
      return {
        status: 'unknown',
        reason: [error.kind, error.message].filter(Boolean).join(': ') || 'no answer',
      };
    } catch (e) {
      return { status: 'unknown', reason: `checker failed: ${(e as Error).message}` };
    }
  }
}
