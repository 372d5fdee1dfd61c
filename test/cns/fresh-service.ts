// A CNS service per test, for suites whose tests must not share state (apart from support.ts, so
// that benchmarks can import the builders without vitest).
import { beforeEach } from 'vitest';
import { type CnsTestService, startCnsService } from './support.js';

/**
 * A service started afresh before each test of the calling file (`startCnsService`'s arguments);
 * the returned object always stands for the current test's service.
 */
export function aFreshServiceForEachTest(...start: Parameters<typeof startCnsService>): CnsTestService {
  let current: CnsTestService | undefined;
  beforeEach(async () => {
    current = await startCnsService(...start);
  });
  return new Proxy({} as CnsTestService, {
    get: (_, key) => {
      if (!current) throw new Error('the service starts before each test: use it inside one');
      return Reflect.get(current, key);
    },
  });
}
