import { ArcError } from './arc-errors.ts';
import { readTransactions, TxFormatError, type ParsedTx } from './tx-codec.ts';

/**
 * The transactions of an ARC `POST /v1/tx` (`many` false) or `/v1/txs` body, read as ARC's
 * handler/parsers.go reads them: hex as text/plain (one per line for /v1/txs), `{"rawTx"}` JSON (an
 * array of them for /v1/txs) or bytes as application/octet-stream; raw or Extended Format, possibly
 * several concatenated. Anything else is a 400.
 */
export function transactionsFromBody(body: Buffer, contentType: string, many: boolean): ParsedTx[] {
  if (body.length === 0) throw new ArcError(400, 'error parsing transactions from request: no transaction found - empty request body');
  const bytes = bytesOf(body, contentType, many);
  if (bytes.length === 0) throw new ArcError(400, 'error parsing transactions from request: no transaction found - empty request body');
  try {
    return readTransactions(bytes);
  } catch (error) {
    if (error instanceof TxFormatError) throw new ArcError(400, error.message);
    throw error;
  }
}

function bytesOf(body: Buffer, contentType: string, many: boolean): Buffer {
  if (contentType.includes('text/plain')) {
    const text = body.toString('utf8');
    return Buffer.concat((many ? text.split('\n') : [text]).map((line) => fromHex(line.trim())));
  }
  if (contentType.includes('application/json')) {
    const items = parseJson(body);
    const list = many ? items : [items];
    if (!Array.isArray(list)) throw parsing('a JSON array of {"rawTx": "<hex>"} objects is expected');
    return Buffer.concat(list.map((item: unknown) => fromHex(rawTxOf(item))));
  }
  if (contentType.includes('application/octet-stream')) return body;
  throw parsing(`given content-type ${contentType} does not match any of the allowed content-types`);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (cause) {
    throw parsing(cause instanceof Error ? cause.message : 'invalid JSON');
  }
}

function rawTxOf(item: unknown): string {
  const rawTx = typeof item === 'object' && item !== null ? (item as { rawTx?: unknown }).rawTx : undefined;
  if (rawTx !== undefined && typeof rawTx !== 'string') throw parsing('rawTx must be a hex string');
  return rawTx ?? '';
}

/** Strict, like Go's hex.DecodeString (Buffer.from stops silently at the first bad character). */
function fromHex(hex: string): Buffer {
  if (hex.length % 2 !== 0) throw parsing('encoding/hex: odd length hex string');
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) throw parsing(`encoding/hex: invalid byte: ${JSON.stringify(bad[0])}`);
  return Buffer.from(hex, 'hex');
}

function parsing(message: string): ArcError {
  return new ArcError(400, `error parsing transactions from request: ${message}`);
}
