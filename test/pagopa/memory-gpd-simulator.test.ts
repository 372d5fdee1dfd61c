// The embedded pagoPA simulator keeps the PaymentGateway contract.
import { MemoryGpdSimulator } from '../../src/adapters/pagopa/memory-gpd-simulator.js';
import { paymentGatewayContract } from '../contracts/payment-gateway.contract.js';

paymentGatewayContract('the in-memory GPD simulator', async () => {
  const simulator = new MemoryGpdSimulator();
  return {
    gateway: simulator,
    pay: async (noticeNumber) => {
      if (!simulator.pay(noticeNumber, new Date())) throw new Error(`no valid position for ${noticeNumber}`);
    },
  };
});
