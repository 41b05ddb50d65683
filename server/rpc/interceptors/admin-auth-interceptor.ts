import type { Interceptor } from '@connectrpc/connect';
import { createHash, timingSafeEqual } from 'node:crypto';
import { PublisherError } from '../../../core/errors/index.ts';

/**
 * Admin services require `authorization: Bearer <token>`. Missing: UNAUTHENTICATED; wrong:
 * PERMISSION_DENIED. Compared in constant time over fixed-length digests; the token is never logged.
 */
export function adminAuthInterceptor(adminServices: ReadonlySet<string>, token: string): Interceptor {
  const expected = createHash('sha256').update(token, 'utf8').digest();
  return (next) => async (req) => {
    if (!adminServices.has(req.service.typeName)) return next(req);
    const header = req.header.get('authorization');
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new PublisherError('ADMIN_TOKEN_MISSING', `${req.service.typeName} needs "authorization: Bearer <admin token>"`);
    }
    const given = createHash('sha256').update(match[1], 'utf8').digest();
    if (!timingSafeEqual(given, expected)) {
      throw new PublisherError('ADMIN_TOKEN_INVALID', 'the admin token is not valid for this node');
    }
    return next(req);
  };
}
