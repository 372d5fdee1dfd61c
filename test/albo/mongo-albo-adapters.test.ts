// The MongoDB adapters of the register procedure keep the same contracts as the in-memory ones.
import { MongoAlboAccounts } from '../../src/adapters/mongo/mongo-albo-accounts.js';
import { MongoAlboFleets } from '../../src/adapters/mongo/mongo-albo-fleets.js';
import { MongoAlboTickets } from '../../src/adapters/mongo/mongo-albo-tickets.js';
import { alboAccountRepositoryContract } from '../contracts/albo-accounts.contract.js';
import { fleetRepositoryContract } from '../contracts/albo-fleets.contract.js';
import { ticketRepositoryContract } from '../contracts/albo-tickets.contract.js';
import { describeMongo, freshDatabase } from '../support/mongo.js';

describeMongo('register adapters', () => {
  alboAccountRepositoryContract('mongodb', async () => new MongoAlboAccounts(await freshDatabase()));
  fleetRepositoryContract('mongodb', async () => new MongoAlboFleets(await freshDatabase()));
  ticketRepositoryContract('mongodb', async () => new MongoAlboTickets(await freshDatabase()));
});
