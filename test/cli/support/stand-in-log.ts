import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { leafHash, memoryTree } from '../../support/rfc6962.ts';

/**
 * A stand-in transparency log written from c2sp.org/tlog-tiles, tlog-checkpoint and signed-note,
 * apart from the node's code: it serves /log/checkpoint, /log/verifier-key and the tiles and entry
 * bundles of whatever entries the test gives it, signed with its own Ed25519 key, so a test can
 * show a client a forked or rolled-back log.
 */
export interface StandInLog {
  url: string;
  verifierKey: string;
  /** Serves these entries from now on, under a freshly signed checkpoint. */
  serve(entries: readonly Buffer[]): Promise<void>;
  close(): Promise<void>;
}

const origin = 'stand-in.test.example/log';

export async function startStandInLog(): Promise<StandInLog> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const typed = Buffer.concat([Buffer.of(0x01), raw]);
  const keyId = createHash('sha256').update(origin).update(Buffer.of(0x0a)).update(typed).digest().subarray(0, 4);
  const verifierKey = `${origin}+${keyId.toString('hex')}+${typed.toString('base64')}`;
  let entries: readonly Buffer[] = [];
  let hashAt: (level: number, index: number) => Promise<Buffer> = async () => Buffer.alloc(32);
  let note = '';

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '').replace(/^\/log\//, '');
      if (path === 'checkpoint' || path === 'verifier-key') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end(path === 'checkpoint' ? note : `${verifierKey}\n`);
      }
      const match = /^tile\/(entries|[0-9]+)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([0-9]+))?$/.exec(path);
      if (!match) return res.writeHead(400).end();
      const n = Number(match[2]!.replaceAll('x', '').replaceAll('/', ''));
      const width = match[3] ? Number(match[3]) : 256;
      const level = match[1] === 'entries' ? 0 : Number(match[1]);
      if ((n * 256 + width) * 256 ** level > entries.length) return res.writeHead(404).end();
      const parts: Buffer[] = [];
      for (let i = n * 256; i < n * 256 + width; i += 1) {
        if (match[1] === 'entries') {
          const length = Buffer.alloc(2);
          length.writeUInt16BE(entries[i]!.length);
          parts.push(length, entries[i]!);
        } else parts.push(await hashAt(level, i));
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.concat(parts));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    verifierKey,
    async serve(next) {
      entries = [...next];
      const mth = memoryTree(entries.map(leafHash));
      hashAt = (level, index) => mth(index * 256 ** level, (index + 1) * 256 ** level);
      const body = `${origin}\n${entries.length}\n${(await mth(0, entries.length)).toString('base64')}\n`;
      note = `${body}\n\u2014 ${origin} ${Buffer.concat([keyId, sign(null, Buffer.from(body), privateKey)]).toString('base64')}\n`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
