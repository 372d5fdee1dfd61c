// `npx tsx src/adapters/pagopa/gpd-simulator-main.ts`: the GPD HTTP simulator on its own, on
// 127.0.0.1, to run the service against GPD over HTTP without pagoPA (PAGOPA_GPD_URL=<printed URL>).
//   GPD_SIMULATOR_PORT (default 8090), PAGOPA_SUBSCRIPTION_KEY (required),
//   RECEIPTS_URL (default http://127.0.0.1:8080/v1/pagopa/receipts), RECEIPTS_API_KEY (a payment-provider key).
import { startGpdHttpSimulator } from './gpd-http-simulator.js';

const port = Number(process.env.GPD_SIMULATOR_PORT ?? '8090');
const subscriptionKey = process.env.PAGOPA_SUBSCRIPTION_KEY?.trim();
const receiptsUrl = process.env.RECEIPTS_URL?.trim() || 'http://127.0.0.1:8080/v1/pagopa/receipts';
const apiKey = process.env.RECEIPTS_API_KEY?.trim() ?? '';
if (!subscriptionKey || !Number.isInteger(port)) {
  console.error(
    'Set PAGOPA_SUBSCRIPTION_KEY (and optionally GPD_SIMULATOR_PORT, RECEIPTS_URL, RECEIPTS_API_KEY).',
  );
  process.exit(1);
}
const simulator = await startGpdHttpSimulator({
  port,
  subscriptionKey,
  receipts: { url: receiptsUrl, apiKey },
});
console.log(
  [
    `GPD simulator on ${simulator.url} (PAGOPA_GPD_URL=${simulator.url})`,
    `  receipts go to ${receiptsUrl}${apiKey ? '' : ' (set RECEIPTS_API_KEY to a payment-provider key)'}`,
    `  pay a notice: curl -s -X POST ${simulator.url}/simulator/payments -H 'Content-Type: application/json' -d '{"noticeNumber":"3…","times":1}'`,
  ].join('\n'),
);
const stop = () => void simulator.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
