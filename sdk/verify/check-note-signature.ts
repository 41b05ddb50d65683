import { ed25519 } from '@noble/curves/ed25519.js';
import { toHex } from '../encoding/hex.ts';
import { utf8 } from '../encoding/utf8.ts';
import { failure, guarded, pass, type CheckResult } from './check-result.ts';
import { decodeBase64 } from './base64.ts';
import { readVerifierKey } from './verifier-key.ts';

/**
 * A C2SP signed note carries a valid Ed25519 signature of the verifier key
 * `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`: a signature line of that name and key ID
 * whose signature verifies over the note's text up to the blank line. Other lines are ignored.
 */
export function checkNoteSignature(note: string, verifierKey: string): CheckResult {
  return guarded(() => {
    const { name, keyId, publicKey } = readVerifierKey(verifierKey);
    const split = note.indexOf('\n\n');
    if (split < 0) return failure('the checkpoint is not a signed note (no blank line)');
    const body = utf8(note.slice(0, split + 1));
    const prefix = `\u2014 ${name} `;
    const lines = note.slice(split + 2).split('\n').filter((line) => line.startsWith(prefix));
    for (const line of lines) {
      const signature = decodeBase64(line.slice(prefix.length));
      if (signature.length === 68 && toHex(signature.subarray(0, 4)) === keyId && ed25519.verify(signature.subarray(4), body, publicKey)) {
        return pass(`the checkpoint is signed by ${name}+${keyId}`);
      }
    }
    return failure(lines.length === 0 ? `the checkpoint has no signature of ${name}` : `the checkpoint's signature does not verify under ${verifierKey}`);
  });
}
