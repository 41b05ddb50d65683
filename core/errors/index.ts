export { PublisherError, isPublisherError, type PublisherErrorOptions } from './publisher-error.ts';
export { reasonStatus, type Reason, type Status } from './reasons.ts';
