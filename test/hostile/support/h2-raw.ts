import net from 'node:net';

/** HTTP/2 frame types and flags the hostile suites write by hand (RFC 9113 §6). */
export const FRAME = { HEADERS: 0x1, RST_STREAM: 0x3, SETTINGS: 0x4, GOAWAY: 0x7, CONTINUATION: 0x9 } as const;
export const FLAG = { ACK: 0x1, END_HEADERS: 0x4 } as const;

export const H2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** One frame: the 9-byte header (length, type, flags, stream id) and its payload. */
export function h2Frame(type: number, flags: number, stream: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(9);
  header.writeUIntBE(payload.byteLength, 0, 3);
  header[3] = type;
  header[4] = flags;
  header.writeUInt32BE(stream, 5);
  return Buffer.concat([header, payload]);
}

/**
 * An HPACK header block for a gRPC POST to `path`, without Huffman coding or dynamic table:
 * :method POST and :scheme http from the static table, :path, :authority and content-type as
 * literals with indexed names (RFC 7541 §6.2.2, Appendix A).
 */
export function grpcRequestBlock(path: string): Buffer {
  const literal = (nameIndexPrefix: number[], value: string) => Buffer.concat([Buffer.from([...nameIndexPrefix, value.length]), Buffer.from(value, 'latin1')]);
  return Buffer.concat([Buffer.from([0x83, 0x86]), literal([0x04], path), literal([0x01], 'node'), literal([0x0f, 0x10], 'application/grpc')]);
}

/** A literal header field with a new name (x-a) and a 100-byte value: one more header in a block that never ends. */
export function filler(): Buffer {
  return Buffer.concat([Buffer.from([0x00, 0x03]), Buffer.from('x-a'), Buffer.from([100]), Buffer.alloc(100, 0x61)]);
}

export interface RawH2 {
  socket: net.Socket;
  /**
   * The first GOAWAY the node sent (error code and last stream id), once the connection is closed;
   * undefined: none was read. `reset`: the connection ended with ECONNRESET, which discards what
   * the node sent last if it was not read yet (a node closing while frames are still coming in
   * answers them with a TCP reset).
   */
  ended: Promise<{ goaway: number | undefined; lastStreamId: number | undefined; reset: boolean }>;
}

/**
 * An HTTP/2 connection spoken by hand, from `localAddress`: preface and empty SETTINGS sent,
 * the node's SETTINGS acknowledged, its frames read for a GOAWAY until the connection closes.
 */
export function rawH2(port: number, localAddress: string): Promise<RawH2> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress }, () => {
      socket.off('error', reject);
      socket.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNRESET') reset = true;
      });
      socket.write(Buffer.concat([H2_PREFACE, h2Frame(FRAME.SETTINGS, 0, 0)]));
      resolve({ socket, ended });
    });
    socket.once('error', reject);
    let goaway: number | undefined;
    let reset = false;
    let lastStreamId: number | undefined;
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 9) {
        const length = buffered.readUIntBE(0, 3);
        if (buffered.length < 9 + length) break;
        const type = buffered[3];
        const flags = buffered[4]!;
        const payload = buffered.subarray(9, 9 + length);
        if (type === FRAME.SETTINGS && !(flags & FLAG.ACK) && socket.writable) socket.write(h2Frame(FRAME.SETTINGS, FLAG.ACK, 0));
        if (type === FRAME.GOAWAY && goaway === undefined) {
          lastStreamId = payload.readUInt32BE(0) & 0x7fffffff;
          goaway = payload.readUInt32BE(4);
        }
        buffered = buffered.subarray(9 + length);
      }
    });
    const ended = new Promise<{ goaway: number | undefined; lastStreamId: number | undefined; reset: boolean }>((done) => socket.once('close', () => done({ goaway, lastStreamId, reset })));
  });
}
