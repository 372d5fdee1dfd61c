import type { Collection, Document } from 'mongodb';
import type { Fleet, FleetVehicle } from '../../application/albo/fleet.js';
import type { FleetRepository } from '../../application/albo/ports/fleet-repository.js';
import { DocumentLocks } from './document-lock.js';
import { fromDocument } from './mongo-documents.js';

const COLLECTION = 'albo_fleets';

/**
 * Fleets in MongoDB: one document per company, replaced whole by one upsert that bumps its version,
 * under the document's lock (FerretDB 1.x would otherwise lose a concurrent increment).
 */
export class MongoAlboFleets implements FleetRepository {
  private readonly fleets: Collection<Document>;
  private readonly locks: DocumentLocks;

  constructor(db: { collection(name: string): Collection<Document> }) {
    this.fleets = db.collection(COLLECTION);
    this.locks = new DocumentLocks(db, COLLECTION);
  }

  async get(companyId: string): Promise<Fleet | null> {
    return fromDocument<Fleet>(await this.fleets.findOne({ _id: companyId as never }));
  }

  async replace(companyId: string, vehicles: FleetVehicle[], at: string): Promise<Fleet> {
    const doc = await this.locks.withLock(companyId, () =>
      this.fleets.findOneAndUpdate(
        { _id: companyId as never },
        { $set: { vehicles, updatedAt: at }, $inc: { version: 1 } },
        { upsert: true, returnDocument: 'after' },
      ),
    );
    const fleet = fromDocument<Fleet>(doc);
    if (!fleet) throw new Error(`fleet ${companyId}: the upsert returned no document`);
    return fleet;
  }

  /** Every fleet, streamed in id order (the fee batch reads the register's whole fleet this way). */
  async *all(batchSize = 1_000): AsyncGenerator<Fleet> {
    for await (const doc of this.fleets.find({}).sort({ _id: 1 }).batchSize(batchSize))
      yield fromDocument<Fleet>(doc) as Fleet;
  }
}
