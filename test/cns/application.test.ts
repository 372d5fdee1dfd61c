// [§4][P-JURISDICTION][P-DELIVERY] Registration: screened by both policies with every reason at
// once and the competent Chamber; codice fiscale checked; summary e-mail with the state change;
// the applicant's token.
import { describe, expect, it } from 'vitest';
import { CNS_TOKENS } from '../../src/adapters/cns/cns-procedure.js';
import { resolve, TOKENS } from '../../src/adapters/tokens.js';
import { aFreshServiceForEachTest } from './fresh-service.js';
import { anApplication, deniedCodes, errorOf, successValue, WRONG_CHECK } from './support.js';

const service = aFreshServiceForEachTest();

describe('filing a CNS application', () => {
  it('registers a Torino resident, ships to the residence by default and gives an applicant token', async () => {
    const { application, accessToken } = successValue(
      await service.cns.create.execute(anApplication().build()),
    );
    expect(application).toMatchObject({
      status: 'registered',
      competentChamber: 'TO',
      delivery: {
        mode: 'shipping',
        address: application.applicant.residence,
        attendedAddressConfirmed: true,
      },
      receiptHeading: null,
    });
    const principal = await resolve(service.container, TOKENS.TokenIssuer).verify(accessToken);
    expect(principal).toEqual({ kind: 'applicant', applicationId: application.id, epoch: 0 });
  });

  it('queues the summary e-mail in the stored application itself, and sends it', async () => {
    const { application } = successValue(await service.cns.create.execute(anApplication().build()));
    const stored = await resolve(service.container, CNS_TOKENS.Applications).get(application.id);
    expect(stored?.outbox.map((m) => m.subject)).toEqual([expect.stringContaining('Riepilogo')]);
    const [summary] = await service.mail('mario.rossi@example.it');
    expect(summary?.text).toContain('RSSMRA80A01L219M');
    expect(summary?.text).toContain('Accertarsi che l');
  });

  it('accepts a non-resident who legally represents a company of the Torino register', async () => {
    const input = anApplication().residentIn('MI').legalRepresentativeOf('TO').build();
    const { application } = successValue(await service.cns.create.execute(input));
    expect(application.competentChamber).toBe('TO');
    expect(application.applicant.residence.province).toBe('MI');
  });

  it('turns away a Milan resident with the Chamber to turn to', async () => {
    const result = await service.cns.create.execute(anApplication().residentIn('MI').build());
    expect(deniedCodes(result)).toEqual(['OUTSIDE_JURISDICTION']);
    expect(errorOf(result)).toMatchObject({ competentChamber: 'MI' });
  });

  it('gives every reason at once: jurisdiction, counter pickup, unattended and foreign address', async () => {
    const input = anApplication()
      .residentIn('FR', 'FR')
      .deliveredBy({ mode: 'counter', attendedAddressConfirmed: false })
      .build();
    const counter = await service.cns.create.execute(input);
    expect(deniedCodes(counter)).toEqual(['OUTSIDE_JURISDICTION', 'COUNTER_PICKUP_SUSPENDED']);
    expect(errorOf(counter)).toMatchObject({ competentChamber: null });

    const shippedAbroad = anApplication()
      .residentIn('FR', 'FR')
      .deliveredBy({ mode: 'shipping', attendedAddressConfirmed: false })
      .build();
    expect(deniedCodes(await service.cns.create.execute(shippedAbroad))).toEqual([
      'OUTSIDE_JURISDICTION',
      'ATTENDED_ADDRESS_NOT_CONFIRMED',
      'FOREIGN_SHIPPING',
    ]);
  });

  it('refuses a codice fiscale with a wrong check character, a non-alphanumeric passphrase and a legal representative without company', async () => {
    const input = anApplication()
      .withPassphrase('not alphanumeric!')
      .with((i) => {
        i.applicant.fiscalCode = WRONG_CHECK;
        i.applicantType = 'legal-representative';
      })
      .build();
    expect(errorOf(await service.cns.create.execute(input))).toMatchObject({
      code: 'INVALID_INPUT',
      violations: [
        { field: '/applicant/fiscalCode', reason: expect.stringContaining('check character') },
        { field: '/passphrase' },
        { field: '/company' },
      ],
    });
  });

  it('stores the codice fiscale in upper case', async () => {
    const input = anApplication()
      .with((i) => {
        i.applicant.fiscalCode = 'rssmra80a01l219m';
      })
      .build();
    expect(successValue(await service.cns.create.execute(input)).application.applicant.fiscalCode).toBe(
      'RSSMRA80A01L219M',
    );
  });

  it('writes nothing when refused: no application, no e-mail', async () => {
    await service.cns.create.execute(anApplication().residentIn('MI').withEmail('milano@example.it').build());
    expect(await service.mail('milano@example.it')).toEqual([]);
  });
});
