// The service's work that no request starts: sending the mail outbox, and creating the GPD
// positions of payments opened while GPD was down. Each job runs on its own timer, one run at a
// time per process; across instances the stores' claims and GPD's idempotent create keep a message
// or a position from being handled twice.
import type { Logger } from 'pino';
import type { DispatchOutbox } from '../application/mail/dispatch-outbox.js';
import type { RetryPendingPositions } from '../application/payments/retry-pending-positions.js';

export interface BackgroundJobs {
  /** Stops the timers, waits for a run under way, then sends the mail left once more. */
  stop(): Promise<void>;
}

interface Job {
  name: string;
  everyMs: number;
  run(): Promise<Record<string, number>>;
}

export function startBackgroundJobs(
  logger: Logger,
  {
    dispatch,
    positions,
    positionRetryMs,
  }: {
    dispatch: DispatchOutbox;
    positions: RetryPendingPositions;
    positionRetryMs: number;
  },
): BackgroundJobs {
  const jobs: Job[] = [
    { name: 'mail dispatch', everyMs: 1_000, run: async () => ({ ...(await dispatch.run()) }) },
    {
      name: 'GPD position retry',
      everyMs: positionRetryMs,
      run: async () => ({ ...(await positions.run()) }),
    },
  ];
  const running = new Set<Promise<unknown>>();
  const timers = jobs
    .filter((job) => job.everyMs > 0)
    .map((job) => {
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        const run = job.run().then(
          (report) => Object.values(report).some((n) => n > 0) && logger.info(report, `${job.name} done`),
          (error) => logger.error({ err: error }, `${job.name} failed`),
        );
        running.add(run);
        void run.finally(() => {
          busy = false;
          running.delete(run);
        });
      }, job.everyMs);
      timer.unref();
      return timer;
    });
  return {
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
      // A message queued by the last requests in flight still leaves before the store closes.
      await dispatch.run().catch(() => undefined);
    },
  };
}
