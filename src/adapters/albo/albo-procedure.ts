// The road-haulage register [§3] as a procedure module: its accounts, fleets and tickets, the
// business register (fixture or InfoCamere) behind its guard, its use cases and its routes.

import { type AlboUseCases, createAlboUseCases } from '../../application/albo/albo-use-cases.js';
import type { AlboAccountRepository } from '../../application/albo/ports/account-repository.js';
import type { CompanyRegistry } from '../../application/albo/ports/company-registry.js';
import type { FleetRepository } from '../../application/albo/ports/fleet-repository.js';
import type { AssistanceTicketRepository } from '../../application/albo/ports/ticket-repository.js';
import { alboModule } from '../http/albo/albo-module.js';
import { DEFAULT_REGISTRY_CONFIG } from '../integrations-config.js';
import { MemoryAlboAccounts } from '../memory/memory-albo-accounts.js';
import { MemoryAlboFleets } from '../memory/memory-albo-fleets.js';
import { MemoryAlboTickets } from '../memory/memory-albo-tickets.js';
import { ALBO_ACCOUNT_INDEXES, MongoAlboAccounts } from '../mongo/mongo-albo-accounts.js';
import { MongoAlboFleets } from '../mongo/mongo-albo-fleets.js';
import { ALBO_TICKET_INDEXES, MongoAlboTickets } from '../mongo/mongo-albo-tickets.js';
import { mongoRegistryGuardState, REGISTRY_GUARD_INDEXES } from '../mongo/mongo-registry-guard-state.js';
import type { Procedure, ProcedureStores } from '../procedure.js';
import { behaviourOf, FixtureCompanyRegistry } from '../registry/fixture-company-registry.js';
import { DEFAULT_REGISTRY_GUARD, GuardedCompanyRegistry } from '../registry/guarded-company-registry.js';
import { InfoCamereHttpClient } from '../registry/infocamere-http-client.js';
import { memoryRegistryGuardState, type RegistryGuardState } from '../registry/registry-guard-state.js';
import { bindFactory, bindValue, TOKENS, token } from '../tokens.js';

export const ALBO_TOKENS = {
  Accounts: token<AlboAccountRepository>('AlboAccounts'),
  Fleets: token<FleetRepository>('AlboFleets'),
  Tickets: token<AssistanceTicketRepository>('AlboTickets'),
  /** The embedded registry fixture itself, whose behaviour tests switch. */
  RegistryFixture: token<FixtureCompanyRegistry>('AlboRegistryFixture'),
  /**
   * The PEC check's call quota and answer cache for a limit: in MongoDB (shared by every instance)
   * when the store is, so the instances together stay within the provider's limit [#19].
   */
  RegistryGuardState: token<RegistryGuardStateOf>('AlboRegistryGuardState'),
  /** The registry as the procedure sees it: the fixture behind the throttle, cache and timeout. */
  CompanyRegistry: token<CompanyRegistry>('AlboCompanyRegistry'),
  UseCases: token<AlboUseCases>('AlboUseCases'),
} as const;

type RegistryGuardStateOf = (maxCallsPerMinute: number) => RegistryGuardState;

function alboStores(
  accounts: AlboAccountRepository,
  fleets: FleetRepository,
  tickets: AssistanceTicketRepository,
  registryGuard: RegistryGuardStateOf,
): ProcedureStores {
  return {
    bind(c) {
      bindValue(c, ALBO_TOKENS.Accounts, accounts);
      bindValue(c, ALBO_TOKENS.Fleets, fleets);
      bindValue(c, ALBO_TOKENS.Tickets, tickets);
      bindValue(c, ALBO_TOKENS.RegistryGuardState, registryGuard);
    },
    outboxes: [accounts],
  };
}

export const alboProcedure: Procedure = {
  name: 'albo',
  stores: {
    memory: () =>
      alboStores(new MemoryAlboAccounts(), new MemoryAlboFleets(), new MemoryAlboTickets(), (limit) =>
        memoryRegistryGuardState(limit),
      ),
    mongo: (db) =>
      alboStores(new MongoAlboAccounts(db), new MongoAlboFleets(db), new MongoAlboTickets(db), (limit) =>
        mongoRegistryGuardState(db, limit),
      ),
    indexes: [...ALBO_ACCOUNT_INDEXES, ...ALBO_TICKET_INDEXES, ...REGISTRY_GUARD_INDEXES],
  },
  bind(c, config) {
    const fixture = new FixtureCompanyRegistry();
    fixture.setBehaviour(behaviourOf(config.registryFixture ?? 'normal'));
    bindValue(c, ALBO_TOKENS.RegistryFixture, fixture);
    // InfoCamere over HTTP when REGISTRY_URL is set (the roll stays the embedded one), else the fixture.
    const { url, ratePerMinute, timeoutMs } = config.integrations?.registry ?? DEFAULT_REGISTRY_CONFIG;
    const online = url ? new InfoCamereHttpClient({ baseUrl: url, timeoutMs }, fixture) : fixture;
    const guard = { ...DEFAULT_REGISTRY_GUARD, maxCallsPerMinute: ratePerMinute, timeoutMs };
    bindFactory(
      c,
      ALBO_TOKENS.CompanyRegistry,
      (get) =>
        new GuardedCompanyRegistry(
          online,
          guard,
          undefined,
          get(ALBO_TOKENS.RegistryGuardState)(ratePerMinute),
        ),
    );
    bindFactory(c, ALBO_TOKENS.UseCases, (get) =>
      createAlboUseCases({
        accounts: get(ALBO_TOKENS.Accounts),
        fleets: get(ALBO_TOKENS.Fleets),
        tickets: get(ALBO_TOKENS.Tickets),
        registry: get(ALBO_TOKENS.CompanyRegistry),
        payments: get(TOKENS.PaymentRepository),
        openPayment: get(TOKENS.OpenPayment),
        decisions: get(TOKENS.DecisionService),
        rules: get(TOKENS.RulesetRegistry),
        hasher: get(TOKENS.PasswordHasher),
        secrets: get(TOKENS.SecretGenerator),
        tokens: get(TOKENS.TokenIssuer),
        ids: get(TOKENS.IdGenerator),
        clock: get(TOKENS.Clock),
      }),
    );
  },
  routes: (get) => alboModule(get(ALBO_TOKENS.UseCases)),
  paymentHandlers: (get) => ({ 'albo-fee': get(ALBO_TOKENS.UseCases).feePaid }),
};
