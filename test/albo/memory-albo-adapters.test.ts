// The in-memory adapters of the register procedure keep their ports' contracts.

import { MemoryAlboAccounts } from '../../src/adapters/memory/memory-albo-accounts.js';
import { MemoryAlboFleets } from '../../src/adapters/memory/memory-albo-fleets.js';
import { MemoryAlboTickets } from '../../src/adapters/memory/memory-albo-tickets.js';
import { FixtureCompanyRegistry } from '../../src/adapters/registry/fixture-company-registry.js';
import { GuardedCompanyRegistry } from '../../src/adapters/registry/guarded-company-registry.js';
import { alboAccountRepositoryContract } from '../contracts/albo-accounts.contract.js';
import { companyRegistryContract } from '../contracts/albo-company-registry.contract.js';
import { fleetRepositoryContract } from '../contracts/albo-fleets.contract.js';
import { ticketRepositoryContract } from '../contracts/albo-tickets.contract.js';
import { ROSSI } from './support.js';

alboAccountRepositoryContract('memory', () => new MemoryAlboAccounts());
fleetRepositoryContract('memory', () => new MemoryAlboFleets());
ticketRepositoryContract('memory', () => new MemoryAlboTickets());
companyRegistryContract('fixture', () => new FixtureCompanyRegistry(), ROSSI);
companyRegistryContract(
  'fixture behind the guard',
  () => new GuardedCompanyRegistry(new FixtureCompanyRegistry()),
  ROSSI,
);
