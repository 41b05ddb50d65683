export { PublisherError, isPublisherError, type PublisherErrorOptions } from './publisher-error.ts';
export { reasonStatus, type Reason, type Status } from './reasons.ts';
export { PG_BIGINT_MAX, PG_INT_MAX, checkBigint, checkInteger, checkText, invalidRequest } from './request-checks.ts';
