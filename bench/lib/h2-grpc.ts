import http2 from 'node:http2';

/** A gRPC failure as the server sent it: grpc-status and grpc-message. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The least a unary gRPC call needs, on node:http2 directly: one stream, a length-prefixed
 * message, the trailers. For the load process only, where grpc-js's client spent ~0.3–0.4 ms of
 * CPU per call on the two cores the node under test also needs. No compression, no deadlines,
 * no retries: a bench client, not an SDK.
 */
export function h2GrpcClient(baseUrl: string) {
  const session = http2.connect(baseUrl);
  session.on('error', () => undefined); // each pending call fails on its own stream
  return {
    unary(path: string, message: Uint8Array): Promise<Buffer> {
      return new Promise((resolve, reject) => {
        const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
        const chunks: Buffer[] = [];
        let status: string | undefined;
        let statusMessage = '';
        const readStatus = (headers: http2.IncomingHttpHeaders) => {
          if (headers['grpc-status'] !== undefined) {
            status = String(headers['grpc-status']);
            statusMessage = decodeURIComponent(String(headers['grpc-message'] ?? ''));
          }
        };
        stream.on('response', readStatus); // a trailers-only answer carries the status here
        stream.on('trailers', readStatus);
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', reject);
        stream.on('close', () => {
          if (status === undefined) return reject(new GrpcStatusError(14, `stream closed without a grpc-status (HTTP/2 code ${stream.rstCode})`));
          if (status !== '0') return reject(new GrpcStatusError(Number(status), statusMessage));
          const body = Buffer.concat(chunks);
          if (body.length < 5 || body[0] !== 0) return reject(new GrpcStatusError(13, 'the response is not one uncompressed gRPC message'));
          resolve(body.subarray(5, 5 + body.readUInt32BE(1)));
        });
        const frame = Buffer.allocUnsafe(5 + message.length);
        frame[0] = 0;
        frame.writeUInt32BE(message.length, 1);
        frame.set(message, 5);
        stream.end(frame);
      });
    },
    close: () => session.close(),
  };
}
