import type http from 'node:http';
import type { HttpError } from '../http/server';
import type { Logger } from '../logger';
import type { ViewerClaims } from './claims';
import { AuthError, type TokenVerifier } from './jwt';

/** Header carrying the gateway's credential to a subgraph (each subgraph its own:
 *  GATEWAY_CREDENTIAL_<SUBGRAPH>, config/env.ts). */
export const GATEWAY_CREDENTIAL_HEADER = 'x-gateway-credential';

/** A request's verified caller: its claims and its bearer token (passed on to subgraphs). */
export interface Authenticated {
  viewer: ViewerClaims;
  token: string;
}

/** A 401 with the Bearer challenge (RFC 6750). */
export const unauthenticated = (message: string): HttpError => ({
  httpError: { status: 401, code: 'UNAUTHENTICATED', message, headers: { 'www-authenticate': 'Bearer' } },
});

/** Reads `Authorization: Bearer <token>` and verifies it: the caller, or the 401 to send (the
 *  reason logged, never the token). The gateway and every subgraph check callers with this. */
export function authenticate(
  verifier: TokenVerifier,
  req: http.IncomingMessage,
  logger: Logger,
  requestId: string,
): Authenticated | HttpError {
  try {
    const viewer = verifier.verifyHeader(req.headers.authorization);
    return { viewer, token: req.headers.authorization!.replace(/^Bearer\s+/i, '') };
  } catch (e) {
    logger.warn({ requestId, reason: e instanceof AuthError ? e.message : 'error' }, 'refused: bad token');
    return unauthenticated(e instanceof AuthError ? `Unauthenticated: ${e.message}` : 'Unauthenticated');
  }
}
