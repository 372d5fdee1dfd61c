// The procedures the service runs: one line each. Everything a procedure brings (repositories and
// indexes, bindings, routes, OpenAPI, session checks, outboxes, payment handlers) comes through here.
import { alboProcedure } from './albo/albo-procedure.js';
import { cnsProcedure } from './cns/cns-procedure.js';
import type { Procedure } from './procedure.js';

export const PROCEDURES: readonly Procedure[] = [alboProcedure, cnsProcedure];
