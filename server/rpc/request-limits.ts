import type { DescMethod } from '@bufbuild/protobuf';
import type { NodeConfig } from '../config/index.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';

export interface RequestLimits {
  /** The largest request `method` takes, after decompression. */
  maxBytes(method: DescMethod): number;
  /** The largest of all (for the native gRPC port, which has one limit). */
  largest: number;
}

/** Room for protobuf framing and the JSON encoding of a Connect call around the envelopes. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Request sizes per method: Publish takes one envelope and PublishBatch a full batch of the
 * largest envelopes (sized from `intent.maxEnvelopeBytes` × `intent.maxBatchIntents`, at most
 * `server.limits.bodyBytesPerConnection`); every other method takes `server.limits.smallRequestBytes`.
 */
export function requestLimits(config: Pick<NodeConfig, 'intent' | 'limits'>): RequestLimits {
  const publish = config.intent.maxEnvelopeBytes + FRAMING_BYTES;
  // A full batch of the largest envelopes (64 MiB with the defaults) is more than one connection may
  // hold at once: the connection's budget is the batch's limit then.
  const batch = Math.min(config.intent.maxBatchIntents * config.intent.maxEnvelopeBytes + 16 * FRAMING_BYTES, config.limits.bodyBytesPerConnection);
  const publishMethod = PublishService.method.publish;
  const batchMethod = PublishService.method.publishBatch;
  return {
    maxBytes(method) {
      if (method === batchMethod) return batch;
      if (method === publishMethod) return publish;
      return config.limits.smallRequestBytes;
    },
    largest: Math.max(batch, publish, config.limits.smallRequestBytes),
  };
}
