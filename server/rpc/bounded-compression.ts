import { Code } from '@connectrpc/connect';
import type { Compression } from '@connectrpc/connect/protocol';
import { compressionBrotli, compressionGzip } from '@connectrpc/connect-node';
import { PublisherError } from '../../core/errors/index.ts';
import { toConnectError } from './interceptors/error-interceptor.ts';

/** Below this, any ratio is allowed: a small message of repeated bytes compresses very well. */
const RATIO_FLOOR_BYTES = 64 * 1024;

/**
 * gzip and brotli as connect-node implements them, but a message may expand to at most
 * `maxRatio` times its compressed size (above a 64 KiB floor) as well as to the method's
 * readMaxBytes. zlib stops inflating once the cap is reached, so a decompression bomb costs the
 * node the cap, not what the bomb would inflate to.
 */
export function boundedCompressions(maxRatio: number): Compression[] {
  return [compressionGzip, compressionBrotli].map((inner) => ({
    name: inner.name,
    compress: (bytes) => inner.compress(bytes),
    async decompress(bytes, readMaxBytes) {
      const ratioCap = Math.max(RATIO_FLOOR_BYTES, bytes.byteLength * maxRatio);
      const cap = Math.min(ratioCap, readMaxBytes);
      try {
        return await inner.decompress(bytes, cap);
      } catch (error) {
        if ((error as { code?: unknown }).code !== Code.ResourceExhausted) throw error;
        const why = cap === readMaxBytes ? `this method takes at most ${readMaxBytes} bytes` : `a ${inner.name} message may expand to at most ${maxRatio} times its compressed size`;
        throw toConnectError(new PublisherError('REQUEST_TOO_LARGE', `the request is too large once decompressed: ${why}`, { metadata: { maxBytes: String(cap) } }));
      }
    },
  }));
}
