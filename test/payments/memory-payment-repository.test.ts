// The in-memory payment repository keeps the PaymentRepository contract.
import { MemoryPaymentRepository } from '../../src/adapters/memory/memory-payment-repository.js';
import { paymentRepositoryContract } from '../contracts/payment-repository.contract.js';

paymentRepositoryContract('memory', () => new MemoryPaymentRepository());
