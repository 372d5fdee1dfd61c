// The CNS routes [§5]. The application's own token reaches only that application; operators and
// admins act on any; the issuance portal (role service) files applications and reads the agenda.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { CnsApplication } from '../../../application/cns/application.js';
import type { CnsUseCases } from '../../../application/cns/cns-use-cases.js';
import type { CnsError, Result } from '../../../application/cns/errors.js';
import type { AppEnv, RateLimitCheck } from '../app-env.js';
import { allowRoles } from '../auth.js';
import { checkAgainst, readBody } from '../json-body.js';
import { problem, problemResponse } from '../problem.js';
import { allowApplicant } from './applicant-guard.js';
import type { ForwardedCertificate } from './forwarded-certificate.js';
import { cnsProblem } from './problems.js';
import {
  ApplicationBody,
  AppointmentBody,
  InPersonBody,
  RecognitionBodies,
  RecognitionMethod,
  RectificationBody,
  RevocationBody,
  ShipmentBody,
  SlotsBody,
  StatusBody,
} from './schemas.js';
import { applicationView, paymentView, slotView, timelineView } from './views.js';

const operators = allowRoles('operator', 'admin');
const applicantOrOperator = allowApplicant({ roles: ['operator', 'admin'] });

/** Any service key but the payment provider's, or a CNS applicant's token (the agenda is not secret). */
const serviceOrApplicant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const caller = c.get('caller');
  if (caller.kind === 'applicant' || (caller.kind === 'service' && caller.role !== 'payment-provider'))
    return next();
  return problemResponse(problem('FORBIDDEN', 'The agenda is for CNS applicants and services.'));
};

const refuse = (error: CnsError) => problemResponse(cnsProblem(error));

async function replyWith<T>(c: Context<AppEnv>, result: Result<T>, view: (v: T) => unknown, status = 200) {
  if (!result.ok) return refuse(result.error);
  return c.json(view(result.value) as object, status as 200);
}

export function registerCnsRoutes(
  app: Hono<AppEnv>,
  cns: CnsUseCases,
  readForwarded: (c: Context) => ForwardedCertificate,
  limits?: RateLimitCheck,
): void {
  const byId = async (id: string): Promise<Result<CnsApplication>> => {
    const found = await cns.get(id);
    return found
      ? { ok: true, value: found }
      : { ok: false, error: { code: 'UNKNOWN_APPLICATION', applicationId: id } };
  };

  app.post('/v1/cns/applications', allowRoles('service', 'operator', 'admin'), async (c) => {
    const body = await readBody(c, ApplicationBody);
    if (!body.ok) return body.response;
    const limited = await limits?.check(c, 'cns-application', body.value.applicant.fiscalCode);
    if (limited) return limited;
    const result = await cns.create.execute(body.value);
    return replyWith(
      c,
      result,
      (r) => ({
        id: r.application.id,
        accessToken: r.accessToken,
        application: applicationView(r.application),
      }),
      201,
    );
  });

  app.get('/v1/cns/applications/:id', applicantOrOperator, async (c) =>
    replyWith(c, await byId(c.req.param('id')), applicationView),
  );

  app.patch('/v1/cns/applications/:id', applicantOrOperator, async (c) => {
    const body = await readBody(c, RectificationBody);
    if (!body.ok) return body.response;
    return replyWith(c, await cns.rectify.execute(c.req.param('id'), body.value), applicationView);
  });

  app.get('/v1/cns/appointment-slots', serviceOrApplicant, async (c) => {
    const slots = await cns.listFreeSlots.execute();
    return c.json({ slots: slots.map(slotView) });
  });

  app.post('/v1/cns/appointment-slots', operators, async (c) => {
    const body = await readBody(c, SlotsBody);
    if (!body.ok) return body.response;
    const result = await cns.loadAgenda.execute(body.value.slots);
    return replyWith(c, result, (r) => ({ added: r.added.map(slotView), skipped: r.skipped }), 201);
  });

  app.post('/v1/cns/applications/:id/appointment', applicantOrOperator, async (c) => {
    const body = await readBody(c, AppointmentBody);
    if (!body.ok) return body.response;
    const result = await cns.book.execute(c.req.param('id'), body.value.slotId);
    return replyWith(c, result, applicationView);
  });

  app.delete('/v1/cns/applications/:id/appointment', applicantOrOperator, async (c) =>
    replyWith(c, await cns.changeAppointment.cancel(c.req.param('id')), applicationView),
  );

  app.put('/v1/cns/applications/:id/appointment', applicantOrOperator, async (c) => {
    const body = await readBody(c, AppointmentBody);
    if (!body.ok) return body.response;
    const result = await cns.changeAppointment.move(c.req.param('id'), body.value.slotId);
    return replyWith(c, result, applicationView);
  });

  app.post('/v1/cns/applications/:id/payment', applicantOrOperator, async (c) => {
    const result = await cns.pay.execute(c.req.param('id'));
    // 201 like the register's payments: a pagoPA notice is created (asking again returns the same one).
    return replyWith(c, result, (r) => paymentView(r.application, r.payment), 201);
  });

  app.get('/v1/cns/applications/:id/receipt', applicantOrOperator, async (c) => {
    const found = await byId(c.req.param('id'));
    if (!found.ok) return refuse(found.error);
    const { receipt, payment, status } = found.value;
    if (!receipt || !payment)
      return refuse({ code: 'STATE_CONFLICT', status, detail: 'The application is not paid yet.' });
    return c.json({ applicationId: found.value.id, noticeNumber: payment.noticeNumber, ...receipt });
  });

  app.post('/v1/cns/applications/:id/recognition/challenge', applicantOrOperator, async (c) => {
    const id = c.req.param('id');
    const result = await cns.certificateChallenge.execute(id);
    return replyWith(c, result, (r) => ({ applicationId: id, ...r }), 201);
  });

  app.post('/v1/cns/applications/:id/recognition', applicantOrOperator, async (c) => {
    const head = await readBody(c, RecognitionMethod);
    if (!head.ok) return head.response;
    const id = c.req.param('id');
    const limited = await limits?.check(c, 'cns-recognition', id);
    if (limited) return limited;
    if (head.value.method === 'cns') return recognizeByCertificate(c, id, head.value);
    const caller = c.get('caller');
    if (caller.kind !== 'service')
      return problemResponse(problem('FORBIDDEN', 'Only an operator records a webcam or counter session.'));
    const body = checkAgainst(RecognitionBodies.operator, head.value);
    if (!body.ok) return body.response;
    const { method, ...session } = body.value;
    return replyWith(
      c,
      await cns.recordSession.execute(id, { channel: method, ...session }),
      applicationView,
    );
  });

  /** [P-CERTIFICATE] A certificate with its signature over the challenge, else the TLS one. */
  async function recognizeByCertificate(c: Context<AppEnv>, id: string, value: object) {
    if (!('certificate' in value)) {
      const body = checkAgainst(RecognitionBodies.forwarded, value);
      if (!body.ok) return body.response;
      const forwarded = readForwarded(c);
      if (!forwarded.ok) return problemResponse(forwarded.problem);
      const presented = { certificate: forwarded.certificate, intermediates: [] };
      const result = await cns.recognizeByCertificate.execute(id, presented, {
        kind: 'tls-client-certificate',
      });
      return replyWith(c, result, applicationView);
    }
    const body = checkAgainst(RecognitionBodies.signedNonce, value);
    if (!body.ok) return body.response;
    const { certificate, intermediates = [], nonce, signature } = body.value;
    const result = await cns.recognizeByCertificate.execute(
      id,
      { certificate, intermediates },
      { kind: 'signed-nonce', nonce, signature: Buffer.from(signature, 'base64') },
    );
    return replyWith(c, result, applicationView);
  }

  app.post('/v1/cns/applications/:id/in-person-recognition', operators, async (c) => {
    const body = await readBody(c, InPersonBody);
    if (!body.ok) return body.response;
    return replyWith(
      c,
      await cns.requireInPerson.execute(c.req.param('id'), body.value.reason),
      applicationView,
    );
  });

  app.post('/v1/cns/applications/:id/status', operators, async (c) => {
    const body = await readBody(c, StatusBody);
    if (!body.ok) return body.response;
    const { status, trackingNumber } = body.value;
    const result = await cns.advance.execute(
      c.req.param('id'),
      status,
      trackingNumber ? { trackingNumber } : {},
    );
    return replyWith(c, result, applicationView);
  });

  app.patch('/v1/cns/applications/:id/shipment', operators, async (c) => {
    const body = await readBody(c, ShipmentBody);
    if (!body.ok) return body.response;
    const result = await cns.advance.setTrackingNumber(c.req.param('id'), body.value.trackingNumber);
    return replyWith(c, result, applicationView);
  });

  app.get('/v1/cns/applications/:id/timeline', applicantOrOperator, async (c) =>
    replyWith(c, await byId(c.req.param('id')), timelineView),
  );

  // A fresh token for an applicant the portal has identified again (tokens are short-lived).
  app.post('/v1/cns/applications/:id/access-tokens', allowRoles('service', 'operator', 'admin'), async (c) =>
    replyWith(c, await cns.sessions.issue(c.req.param('id')), (t) => t, 201),
  );

  // Logout: every token of the application issued so far stops working.
  app.delete('/v1/cns/sessions/current', async (c) => {
    const caller = c.get('caller');
    if (caller.kind !== 'applicant')
      return problemResponse(problem('FORBIDDEN', "Only an applicant's own token can be logged out."));
    const result = await cns.sessions.logOut(caller);
    return result.ok ? c.body(null, 204) : refuse(result.error);
  });

  app.post(
    '/v1/cns/applications/:id/revocation',
    allowApplicant({ roles: ['operator', 'admin'], revocation: true }),
    async (c) => {
      const body = await readBody(c, RevocationBody);
      if (!body.ok) return body.response;
      const result = await cns.revoke.execute(c.req.param('id'), body.value);
      return replyWith(
        c,
        result,
        (r) => ({
          revoked: applicationView(r.revoked),
          newApplication: {
            id: r.replacement.id,
            accessToken: r.accessToken,
            application: applicationView(r.replacement),
          },
        }),
        201,
      );
    },
  );
}
