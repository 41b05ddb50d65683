import type { AnchorVerifier, CheckResult, ProofCheck } from 'chain-publisher/sdk';
import { parseLine, parseTransaction } from './log-line.ts';

/**
 * The filelog anchor verifier, browser-safe (WebCrypto, atob, TextEncoder only). An anchor is
 * `{ chain: 'filelog', network, txid, locator, raw, line, blockHeight, blockHash }`:
 * - `filelog.txid`: SHA-256 of the transaction's bytes (`raw`, base64) is `txid`;
 * - `filelog.record`: record `locator` of the transaction is this intent's (record id, key, signature);
 * - `filelog.line`: the log line holds this transaction at `blockHeight`, and hashes to `blockHash`.
 */
export const filelogVerifier: AnchorVerifier = {
  chain: 'filelog',
  async verify(anchor, { index, facts }) {
    const named = (name: string, result: CheckResult): ProofCheck => ({ name, anchor: index, ...result });
    const raw = typeof anchor['raw'] === 'string' ? fromBase64(anchor['raw']) : undefined;
    const txid = raw === undefined ? undefined : await sha256Hex(raw);
    const transaction = raw === undefined ? undefined : parseTransaction(raw);
    const record = transaction?.records[Number(anchor['locator'])];
    const lineText = typeof anchor['line'] === 'string' ? anchor['line'] : '';
    const line = parseLine(lineText);
    const lineHash = await sha256Hex(new TextEncoder().encode(lineText));
    return {
      checks: [
        named('filelog.txid', txid !== undefined && txid === anchor['txid'] ? ok(`the transaction hashes to ${txid}`) : bad(`the transaction's bytes do not hash to the txid ${String(anchor['txid'])}`)),
        named(
          'filelog.record',
          facts === undefined
            ? bad('the intent could not be decoded')
            : record !== undefined && record.recordId === facts.recordId && record.publicKey === facts.publicKeyText && record.signature === facts.signatureText
              ? ok(`record ${String(anchor['locator'])} of the transaction is record ${facts.recordId}, with its signature`)
              : bad(`record ${String(anchor['locator'])} of the transaction is not this intent`),
        ),
        named(
          'filelog.line',
          line !== undefined && line.txid === anchor['txid'] && line.raw === anchor['raw'] && line.height === anchor['blockHeight'] && lineHash === anchor['blockHash']
            ? ok(`line ${line.height} of the log holds the transaction and hashes to ${lineHash}`)
            : bad('the log line does not hold this transaction at the height and hash the anchor names'),
        ),
      ],
      onlineClaim: { anchor: index, chain: 'filelog', claim: `line ${String(anchor['blockHeight'])} of the ${String(anchor['network'])} log is the line in the anchor` },
    };
  },
};

const ok = (detail: string): CheckResult => ({ ok: true, detail });
const bad = (detail: string): CheckResult => ({ ok: false, detail });

function fromBase64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
