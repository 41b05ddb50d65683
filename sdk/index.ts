/**
 * The Chain Publisher client SDK: creator keys, signed intents (wire-format.md §1), a client for
 * a publisher node, and offline verification of receipts and proofs. Runs in browsers and Node 20+.
 */
export { PublisherSdkError, isPublisherSdkError, type LocalReason, type SdkErrorReason } from './errors/sdk-error.ts';
export * from './keys/index.ts';
export * from './intent/index.ts';
export * from './client/index.ts';
export * from './verify/index.ts';
export type { Network, SchemeName } from './schemes/scheme.ts';
export type { JsonObject, JsonValue } from './json/json-value.ts';
export type { GetInfoResponse } from '../proto/gen/publisher/v1/node_pb.ts';
export { PublicationStatus, type Publication, type Record as PublisherRecord, type ListRecordsResponse } from '../proto/gen/publisher/v1/publish_pb.ts';
