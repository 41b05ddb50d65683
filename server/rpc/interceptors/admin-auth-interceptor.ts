import type { Interceptor } from '@connectrpc/connect';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PublisherError } from '../../../core/errors/index.ts';

/** The refusal for an admin call's `authorization` header, or null when it carries the token. */
export type AdminCheck = (service: string, authorization: string | null | undefined) => PublisherError | null;

/**
 * Admin services require `authorization: Bearer <token>`. Missing: UNAUTHENTICATED; wrong:
 * PERMISSION_DENIED. Compared in constant time over fixed-length digests; the token is never logged.
 */
export function adminCheck(token: string): AdminCheck {
  const expected = createHash('sha256').update(token, 'utf8').digest();
  return (service, header) => {
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) return new PublisherError('ADMIN_TOKEN_MISSING', `${service} needs "authorization: Bearer <admin token>"`);
    const given = createHash('sha256').update(match[1], 'utf8').digest();
    return timingSafeEqual(given, expected) ? null : new PublisherError('ADMIN_TOKEN_INVALID', 'the admin token is not valid for this node');
  };
}

/**
 * The same check as an interceptor, for paths that reach a handler without the HTTP request
 * gate (server/rpc/request-gate.ts decides admin calls from their headers before any body is read).
 */
export function adminAuthInterceptor(adminServices: ReadonlySet<string>, check: AdminCheck): Interceptor {
  return (next) => async (req) => {
    if (!adminServices.has(req.service.typeName)) return next(req);
    const refusal = check(req.service.typeName, req.header.get('authorization'));
    if (refusal) throw refusal;
    return next(req);
  };
}
