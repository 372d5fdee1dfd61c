// The CNS issuance procedure [§4] as a procedure module: its applications and agenda, OpenPGP
// sealing, X.509 recognition, its use cases and its routes.
import { type CnsUseCases, createCnsUseCases } from '../../application/cns/cns-use-cases.js';
import type { CnsApplicationRepository } from '../../application/cns/ports/application-repository.js';
import type { AppointmentAgenda } from '../../application/cns/ports/appointment-agenda.js';
import type { CertificateVerifier } from '../../application/cns/ports/certificate-verifier.js';
import { DEFAULT_CNS_OPTIONS } from '../../application/cns/ports/cns-ports.js';
import type { CodeSealer } from '../../application/cns/ports/code-sealer.js';
import { NO_CNS_RECOGNITION } from '../crypto/cns-recognition-config.js';
import { OpenPgpCodeSealer } from '../crypto/openpgp-code-sealer.js';
import { X509CertificateVerifier } from '../crypto/x509-certificate-verifier.js';
import { cnsModule } from '../http/cns/cns-module.js';
import { MemoryCnsAgenda } from '../memory/memory-cns-agenda.js';
import { MemoryCnsApplications } from '../memory/memory-cns-applications.js';
import { CNS_SLOT_INDEXES, MongoCnsAgenda } from '../mongo/mongo-cns-agenda.js';
import { CNS_APPLICATION_INDEXES, MongoCnsApplications } from '../mongo/mongo-cns-applications.js';
import type { Procedure, ProcedureStores } from '../procedure.js';
import { DEFAULT_SECURITY_CONFIG } from '../security/security-config.js';
import { bindFactory, bindValue, TOKENS, tokenTable } from '../tokens.js';
import { anprPlaceRegister } from './anpr-place-register.js';

export interface CnsBindings {
  Applications: CnsApplicationRepository;
  Agenda: AppointmentAgenda;
  CodeSealer: CodeSealer;
  CertificateVerifier: CertificateVerifier;
  UseCases: CnsUseCases;
}

export const CNS_TOKENS = tokenTable<CnsBindings>('Cns');

function cnsStores(applications: CnsApplicationRepository, agenda: AppointmentAgenda): ProcedureStores {
  return {
    bind(c) {
      bindValue(c, CNS_TOKENS.Applications, applications);
      bindValue(c, CNS_TOKENS.Agenda, agenda);
    },
    outboxes: [applications],
  };
}

export const cnsProcedure: Procedure = {
  name: 'cns',
  stores: {
    memory: () => cnsStores(new MemoryCnsApplications(), new MemoryCnsAgenda()),
    mongo: (db) => cnsStores(new MongoCnsApplications(db), new MongoCnsAgenda(db)),
    indexes: [...CNS_APPLICATION_INDEXES, ...CNS_SLOT_INDEXES],
  },
  bind(c, config) {
    const recognition = config.cnsRecognition ?? NO_CNS_RECOGNITION;
    const { applicantTokenTtlSeconds } = config.security ?? DEFAULT_SECURITY_CONFIG;
    bindValue(c, CNS_TOKENS.CodeSealer, new OpenPgpCodeSealer(config.sealingArgon2));
    bindValue(c, CNS_TOKENS.CertificateVerifier, new X509CertificateVerifier(recognition.trustAnchors));
    bindFactory(c, CNS_TOKENS.UseCases, (get) =>
      createCnsUseCases({
        applications: get(CNS_TOKENS.Applications),
        agenda: get(CNS_TOKENS.Agenda),
        sealer: get(CNS_TOKENS.CodeSealer),
        certificates: get(CNS_TOKENS.CertificateVerifier),
        decisions: get(TOKENS.DecisionService),
        registry: get(TOKENS.RulesetRegistry),
        openPayment: get(TOKENS.OpenPayment),
        tokens: get(TOKENS.TokenIssuer),
        secrets: get(TOKENS.SecretGenerator),
        ids: get(TOKENS.IdGenerator),
        clock: get(TOKENS.Clock),
        options: { ...DEFAULT_CNS_OPTIONS, applicantTokenTtlSeconds },
        places: anprPlaceRegister,
      }),
    );
  },
  routes: (get, config) =>
    cnsModule(get(CNS_TOKENS.UseCases), (config.cnsRecognition ?? NO_CNS_RECOGNITION).forwarded),
  paymentHandlers: (get) => ({ 'cns-issuance': get(CNS_TOKENS.UseCases).paid }),
};
