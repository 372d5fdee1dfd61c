// What the register's use cases need: its own ports, the shared ones and the shared services.
import type { DecisionService } from '../../decisions/decision-service.js';
import type { OpenPayment } from '../../payments/open-payment.js';
import type { PaymentRepository } from '../../payments/payment-repository.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { PasswordHasher } from '../../ports/password-hasher.js';
import type { SecretGenerator } from '../../ports/secret-generator.js';
import type { TokenIssuer } from '../../ports/token-issuer.js';
import type { RulesetRegistry } from '../../rules/ruleset-registry.js';
import type { AlboAccountRepository } from './account-repository.js';
import type { CompanyRegistry } from './company-registry.js';
import type { FleetRepository } from './fleet-repository.js';
import type { AssistanceTicketRepository } from './ticket-repository.js';

export interface AlboPorts {
  accounts: AlboAccountRepository;
  fleets: FleetRepository;
  tickets: AssistanceTicketRepository;
  registry: CompanyRegistry;
  payments: PaymentRepository;
  openPayment: OpenPayment;
  decisions: DecisionService;
  rules: RulesetRegistry;
  hasher: PasswordHasher;
  secrets: SecretGenerator;
  tokens: TokenIssuer;
  ids: IdGenerator;
  clock: Clock;
}
