// CNS applications in memory, with the behaviour the MongoDB adapter will have: a version check on
// every replace, the outbox kept out of replaces (mail marked sent is never undone) and a unique
// `replaces`, so one application is re-issued once.
import type { CnsApplication } from '../../application/cns/application.js';
import { replaceApplication } from '../../application/cns/application-transitions.js';
import type {
  CnsApplicationRepository,
  InsertResult,
  ReplaceResult,
} from '../../application/cns/ports/application-repository.js';
import type { OutboxMessage } from '../../application/ports/mail.js';
import { DuplicateKeyError, MemoryCollection } from './memory-collection.js';
import { MemoryOutboxStore } from './memory-outbox-store.js';

export class MemoryCnsApplications
  extends MemoryOutboxStore<CnsApplication>
  implements CnsApplicationRepository
{
  private readonly applications: MemoryCollection<CnsApplication>;

  constructor() {
    const applications = new MemoryCollection<CnsApplication>({ replaces: (a) => a.replaces ?? undefined });
    super('cns-applications', applications);
    this.applications = applications;
  }

  async insert(application: CnsApplication): Promise<InsertResult> {
    try {
      this.applications.insert(application);
      return { ok: true };
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e;
      return { ok: false, reason: e.index === 'replaces' ? 'already-replaced' : 'duplicate-id' };
    }
  }

  async get(id: string): Promise<CnsApplication | null> {
    return this.applications.get(id);
  }

  async findReplacementOf(id: string): Promise<CnsApplication | null> {
    return this.applications.findOne((a) => a.replaces === id);
  }

  async replace(
    next: CnsApplication,
    expectedVersion: number,
    newMail: OutboxMessage[],
  ): Promise<ReplaceResult> {
    const update = async (id: string, change: (stored: CnsApplication) => CnsApplication | null) =>
      this.applications.update(id, change);
    return replaceApplication(update, next, expectedVersion, newMail);
  }
}
