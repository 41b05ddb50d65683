export { createPublisherClient, type PublisherClient, type PublisherClientOptions, type ProofResult } from './create-publisher-client.ts';
export type { PublishBatchItem, PublishResult } from './publish-result.ts';
