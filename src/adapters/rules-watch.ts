// The rule set's life in a running service: the first load, and keeping the set serving in step
// with the files on disk [E-RELOAD].
import type { Container } from 'inversify';
import type { Logger } from 'pino';
import type { ReloadResult, RulesStatus } from '../application/rules/ruleset-registry.js';
import { DEFAULT_RULES_POLL_MS } from './config.js';
import { rulesPollMsFor } from './rules/rule-source.js';
import { resolve, TOKENS } from './tokens.js';

/** rules/ does not load or fails its suites: start-up stops and every problem is printed. */
export class RulesLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the rule files cannot serve (${problems.length} problem(s)):\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
}

/** First load of the rules; returns the ruleset hash or throws RulesLoadError. */
export async function loadRules(container: Container): Promise<string> {
  const result = await resolve(container, TOKENS.RulesetRegistry).reload();
  if (!result.ok) throw new RulesLoadError(result.status.problems);
  return result.hash;
}

export interface WatchOptions {
  /** The content check's period (default: the configuration's, else 2000 ms); 0: no poll. */
  pollMs?: number;
  /** Whether to watch the folder for events (default true); tests turn it off to try the poll alone. */
  watch?: boolean;
}

/**
 * Keeps the set serving in step with the files on disk [E-RELOAD]: the folder's watcher and a
 * periodic content check both ask the registry to refresh, which loads only when the content hash
 * differs from the set serving and the last one rejected. Requests arriving while a refresh runs
 * are coalesced into one more, so the last save is always the one looked at.
 */
export function watchRules(container: Container, options: WatchOptions = {}): () => Promise<void> {
  const source = resolve(container, TOKENS.RuleFileSource);
  const registry = resolve(container, TOKENS.RulesetRegistry);
  const logger = resolve(container, TOKENS.Logger);
  const config = resolve(container, TOKENS.Config);
  const pollMs =
    options.pollMs ?? rulesPollMsFor(config.rulesSource, config.rulesPollMs ?? DEFAULT_RULES_POLL_MS);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let trigger = 'watcher';
  const refresh = (by: 'watcher' | 'poll') => {
    if (stopped) return;
    trigger = by;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const before = registry.status().state;
        try {
          const result = await registry.refresh();
          if (result) logReload(logger, result, trigger);
          else if (registry.status().state !== before) logStatus(logger, registry.status(), trigger);
        } catch (error) {
          logger.error({ err: error }, 'rules refresh failed');
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = pollMs > 0 ? setInterval(() => refresh('poll'), pollMs) : undefined;
  timer?.unref();
  const unwatch =
    options.watch !== false && source.watch ? source.watch(() => refresh('watcher')) : async () => {};
  return async () => {
    stopped = true;
    clearInterval(timer);
    await unwatch();
    await running;
  };
}

/** One log line per outcome, the problems as `file:line:column  reason`, for people and machines. */
export function logReload(logger: Logger, result: ReloadResult, trigger: string): void {
  if (result.ok)
    logger.info(
      { hash: result.hash, filesHash: result.status.serving?.hash, changed: result.changed, trigger },
      'rules reloaded',
    );
  else logStatus(logger, result.status, trigger);
}

function logStatus(logger: Logger, status: RulesStatus, trigger: string): void {
  const serving = status.serving?.hash ?? 'nothing';
  const fields = { state: status.state, serving, disk: status.disk.hash, trigger, problems: status.problems };
  if (status.state === 'current') logger.info(fields, 'rules on disk match the set serving again');
  else
    logger.warn(
      fields,
      `rules ${status.state}, still serving ${serving}:\n${status.problems.map((p) => `  ${p}`).join('\n')}`,
    );
}
