// The latest logged decisions matching a few bounds, oldest first: what the impact of a rule edit is
// measured on. Read through the log's one query (search, newest first, a page at a time), so every
// adapter answers it the same way.
import type { DecisionLog, LoggedDecision } from '../ports/decision-log.js';

export interface LatestDecisionsQuery {
  /** Only decisions logged at or after this instant (ISO 8601). */
  since?: string;
  policy?: string;
  /** The latest `limit` decisions matching (required: a log grows without end). */
  limit: number;
}

/** search() pages hold at most this many entries. */
const PAGE = 500;

export async function latestDecisions(
  log: Pick<DecisionLog, 'search'>,
  { since, policy, limit }: LatestDecisionsQuery,
): Promise<LoggedDecision[]> {
  const newestFirst: LoggedDecision[] = [];
  let cursor: string | undefined;
  while (newestFirst.length < limit) {
    const page = await log.search({
      ...(policy === undefined ? {} : { policy }),
      ...(since === undefined ? {} : { fromTime: since }),
      ...(cursor === undefined ? {} : { cursor }),
      limit: Math.min(PAGE, limit - newestFirst.length),
    });
    newestFirst.push(...page.entries);
    if (page.next === null) break;
    cursor = page.next;
  }
  return newestFirst.reverse();
}
