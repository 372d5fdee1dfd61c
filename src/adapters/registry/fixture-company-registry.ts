// The embedded default's business register: the fixture companies, with a switch that makes the
// online check slow or unavailable, as InfoCamere was when its capacity per minute was exceeded.
import type {
  CompanyRegistry,
  RegistryCompany,
  RegistryLookup,
} from '../../application/albo/ports/company-registry.js';
import { FIXTURE_COMPANIES } from './fixture-companies.js';

export type RegistryBehaviour =
  | { mode: 'normal' }
  | { mode: 'slow'; delayMs: number }
  | { mode: 'unavailable' };

export const REGISTRY_MODES = ['normal', 'slow', 'unavailable'] as const;
export type RegistryMode = (typeof REGISTRY_MODES)[number];

/** How long "slow" takes: longer than the guard's timeout, so it degrades to unavailable. */
export const SLOW_DELAY_MS = 5_000;

export class FixtureCompanyRegistry implements CompanyRegistry {
  private behaviour: RegistryBehaviour = { mode: 'normal' };
  /** Online lookups that reached the fixture (the guard's cache and throttle keep this low). */
  lookups = 0;

  constructor(private readonly companies: readonly RegistryCompany[] = FIXTURE_COMPANIES) {}

  setBehaviour(behaviour: RegistryBehaviour): void {
    this.behaviour = behaviour;
  }

  async lookup(fiscalCode: string): Promise<RegistryLookup> {
    this.lookups++;
    const behaviour = this.behaviour;
    if (behaviour.mode === 'unavailable') throw new Error('registry fixture: unavailable');
    if (behaviour.mode === 'slow') await new Promise((done) => setTimeout(done, behaviour.delayMs));
    const company = this.find(fiscalCode);
    return company ? { status: 'found', company: { ...company } } : { status: 'not-found' };
  }

  async roll(): Promise<RegistryCompany[]> {
    return this.companies.map((c) => ({ ...c }));
  }

  async inRoll(fiscalCode: string): Promise<RegistryCompany | null> {
    const company = this.find(fiscalCode);
    return company ? { ...company } : null;
  }

  private find(fiscalCode: string): RegistryCompany | undefined {
    const wanted = fiscalCode.trim().toUpperCase();
    return this.companies.find((c) => c.fiscalCode === wanted);
  }
}

export function behaviourOf(mode: RegistryMode): RegistryBehaviour {
  return mode === 'slow' ? { mode, delayMs: SLOW_DELAY_MS } : { mode };
}
