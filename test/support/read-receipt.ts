import { createHash, createPublicKey, verify } from 'node:crypto';

export interface ReadReceipt {
  entry: { index: number; at: string; kind: string; actor: string; subject: string; data: Record<string, unknown> };
  entryText: string;
  index: number;
  size: number;
  checkpoint: string;
  /** The inclusion proof checked against the checkpoint's root (RFC 9162 §2.1.3.2), and its signature. */
  verified: boolean;
}

const h = (...parts: Uint8Array[]) => parts.reduce((hash, p) => hash.update(p), createHash('sha256')).digest();

/**
 * A tlog-proof receipt read and checked the way the spec says, written apart from the node's code
 * (c2sp.org/tlog-proof, RFC 9162 §2.1.3.2) so the tests do not check the node against itself.
 */
export function readReceipt(text: string, verifierKey: string): ReadReceipt {
  const split = text.indexOf('\n\n');
  const head = text.slice(0, split).split('\n');
  const checkpoint = text.slice(split + 2);
  if (head[0] !== 'c2sp.org/tlog-proof@v1' || !head[1]?.startsWith('extra ') || !head[2]?.startsWith('index ')) throw new Error(`not a tlog proof: ${text.slice(0, 80)}`);
  const entryText = Buffer.from(head[1].slice(6), 'base64').toString('utf8');
  const index = Number(head[2].slice(6));
  const proof = head.slice(3).map((line) => Buffer.from(line, 'base64'));
  const [, sizeLine, rootLine] = checkpoint.split('\n');
  const size = Number(sizeLine);
  let fn = index;
  let sn = size - 1;
  let r = h(Buffer.of(0), Buffer.from(entryText, 'utf8'));
  let ok = index < size;
  for (const p of proof) {
    if (sn === 0) ok = false;
    if (fn % 2 === 1 || fn === sn) {
      r = h(Buffer.of(1), p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) ((fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2)));
    } else r = h(Buffer.of(1), r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  ok = ok && sn === 0 && r.toString('base64') === rootLine && noteVerifies(checkpoint, verifierKey);
  return { entry: JSON.parse(entryText) as ReadReceipt['entry'], entryText, index, size, checkpoint, verified: ok };
}

/** The note carries a signature line of the verifier key's name and key ID that verifies (c2sp.org/signed-note). */
function noteVerifies(note: string, verifierKey: string): boolean {
  // name+keyID+key: the name and the hex key ID hold no '+', the base64 key may.
  const [name = '', keyIdHex = ''] = verifierKey.split('+');
  const typed = Buffer.from(verifierKey.slice(name.length + keyIdHex.length + 2), 'base64');
  if (typed[0] !== 0x01 || typed.length !== 33) return false;
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: typed.subarray(1).toString('base64url') }, format: 'jwk' });
  const split = note.indexOf('\n\n');
  const body = note.slice(0, split + 1);
  return note
    .slice(split + 2)
    .split('\n')
    .filter((line) => line.startsWith(`\u2014 ${name} `))
    .some((line) => {
      const signature = Buffer.from(line.slice(`\u2014 ${name} `.length), 'base64');
      return signature.subarray(0, 4).toString('hex') === keyIdHex && verify(null, Buffer.from(body), publicKey, signature.subarray(4));
    });
}
