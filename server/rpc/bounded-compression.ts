import { Code } from '@connectrpc/connect';
import type { Compression } from '@connectrpc/connect/protocol';
import { compressionGzip } from '@connectrpc/connect-node';
import { PublisherError } from '../../core/errors/index.ts';
import { toConnectError } from './interceptors/error-interceptor.ts';

/** Below this, any ratio is allowed: a small message of repeated bytes compresses very well. */
const RATIO_FLOOR_BYTES = 64 * 1024;

/**
 * gzip as connect-node implements it, but a message may expand to at most
 * `maxRatio` times its compressed size (above a 64 KiB floor) as well as to the method's
 * readMaxBytes. zlib stops inflating once the cap is reached, so a decompression bomb costs the
 * node the cap, not what the bomb would inflate to.
 */
export function boundedCompressions(maxRatio: number): Compression[] {
  // No brotli: its decoder allocates the window a body asks for (up to 16 MiB) before it inflates a
  // byte, so 56-byte bodies made the node allocate 16 MiB each whatever the output cap (96 at once:
  // +1.5 GiB). gzip's window is 32 KiB. A brotli call is refused UNIMPLEMENTED / UNSUPPORTED_REQUEST,
  // and connect clients fall back to gzip or none (grpc-accept-encoding lists what the node takes).
  return [compressionGzip].map((inner) => ({
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
