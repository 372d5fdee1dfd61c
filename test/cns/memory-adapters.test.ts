// The in-memory CNS adapters run the shared contract suites the MongoDB adapters will run too.
import { MemoryCnsAgenda } from '../../src/adapters/memory/memory-cns-agenda.js';
import { MemoryCnsApplications } from '../../src/adapters/memory/memory-cns-applications.js';
import { cnsApplicationRepositoryContract } from '../contracts/cns-application-repository.contract.js';
import { appointmentAgendaContract } from '../contracts/cns-appointment-agenda.contract.js';

cnsApplicationRepositoryContract('MemoryCnsApplications', () => new MemoryCnsApplications());
appointmentAgendaContract('MemoryCnsAgenda', () => new MemoryCnsAgenda());
