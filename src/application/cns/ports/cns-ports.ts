// What the CNS use cases need: ports and the shared decision service, plus a few settings.
import type { DecisionService } from '../../decisions/decision-service.js';
import type { OpenPayment } from '../../payments/open-payment.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { SecretGenerator } from '../../ports/secret-generator.js';
import type { TokenIssuer } from '../../ports/token-issuer.js';
import type { RulesetRegistry } from '../../rules/ruleset-registry.js';
import type { CnsApplicationRepository } from './application-repository.js';
import type { AppointmentAgenda } from './appointment-agenda.js';
import type { CertificateVerifier } from './certificate-verifier.js';
import type { CodeSealer } from './code-sealer.js';
import type { PlaceRegister } from './place-register.js';

export interface CnsOptions {
  /** The video-call service; each appointment gets its own room under it. */
  videoRoomBaseUrl: string;
  /**
   * How long an applicant's token lasts. An application runs for weeks, so the portal asks for a
   * fresh token when the applicant comes back (POST /v1/cns/applications/{id}/access-tokens).
   */
  applicantTokenTtlSeconds: number;
  /** A slot lasts this long when the agenda gives no end ("circa 30 minuti", seed 002). */
  slotMinutes: number;
  /** How long the nonce of a recognition-by-CNS challenge can be answered. */
  certificateChallengeSeconds: number;
}

export const DEFAULT_CNS_OPTIONS: CnsOptions = {
  videoRoomBaseUrl: 'https://riconoscimento.example.invalid/sessione/',
  applicantTokenTtlSeconds: 24 * 3600,
  slotMinutes: 30,
  certificateChallengeSeconds: 300,
};

export interface CnsPorts {
  applications: CnsApplicationRepository;
  agenda: AppointmentAgenda;
  sealer: CodeSealer;
  certificates: CertificateVerifier;
  decisions: DecisionService;
  registry: RulesetRegistry;
  openPayment: OpenPayment;
  tokens: TokenIssuer;
  secrets: SecretGenerator;
  ids: IdGenerator;
  clock: Clock;
  options: CnsOptions;
  /** The Belfiore register the stated birthplace is checked against; absent: not checked. */
  places?: PlaceRegister;
}
