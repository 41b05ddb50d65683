import { createRequire } from 'node:module';

/** The few parts of bsv@1.5.6 used here; its bundled typings do not describe the interpreter's flags. */
interface LegacyBsv {
  Transaction: new (hex: string) => { inputs: Array<{ prevTxId: Buffer; outputIndex: number; script: unknown }>; outputs: Array<{ script: unknown; satoshis: number }> };
  Script: { Interpreter: LegacyInterpreterClass };
  crypto: { BN: new (n: number) => unknown };
}
interface LegacyInterpreterClass {
  new (): { verify(scriptSig: unknown, scriptPubkey: unknown, tx: unknown, nin: number, flags: number, satoshis: unknown): boolean; errstr: string };
  [flag: string]: unknown;
}

// bsv@1.5.6 ships no typings that TypeScript finds, hence require and the interface above.
const bsv = createRequire(import.meta.url)('bsv') as LegacyBsv;
const I = bsv.Script.Interpreter;
const flag = (name: string) => I[name] as number;

/**
 * A miner's standard flags for a version-1 transaction, FORKID sighash required. Without CLEANSTACK:
 * bsv@1.5.6 checks it against the stack left by the unlocking script (a bug), so it fails every P2PKH.
 */
export const LEGACY_STANDARD_FLAGS =
  flag('SCRIPT_ENABLE_SIGHASH_FORKID') |
  flag('SCRIPT_VERIFY_STRICTENC') |
  flag('SCRIPT_VERIFY_DERSIG') |
  flag('SCRIPT_VERIFY_LOW_S') |
  flag('SCRIPT_VERIFY_NULLDUMMY') |
  flag('SCRIPT_VERIFY_SIGPUSHONLY') |
  flag('SCRIPT_VERIFY_MINIMALDATA') |
  flag('SCRIPT_VERIFY_NULLFAIL') |
  flag('SCRIPT_ENABLE_MONOLITH_OPCODES') |
  flag('SCRIPT_ENABLE_MAGNETIC_OPCODES');
export const LEGACY_LOW_S = flag('SCRIPT_VERIFY_LOW_S');

/**
 * Verifies every input of `rawHex` with bsv@1.5.6's interpreter, an implementation independent of
 * @bsv/sdk; the spent outputs come from `parentHex` (txid → raw hex), e.g. read from the devnet's
 * WhatsOnChain API. Returns the interpreter's error per failing input (empty: all valid).
 */
export function legacyScriptErrors(rawHex: string, parentHex: (txid: string) => string, flags = LEGACY_STANDARD_FLAGS): string[] {
  const tx = new bsv.Transaction(rawHex);
  const errors: string[] = [];
  tx.inputs.forEach((input, nin) => {
    const parent = new bsv.Transaction(parentHex(Buffer.from(input.prevTxId).toString('hex')));
    const spent = parent.outputs[input.outputIndex]!;
    const interpreter = new I();
    if (!interpreter.verify(input.script, spent.script, tx, nin, flags, new bsv.crypto.BN(spent.satoshis))) {
      errors.push(`input ${nin}: ${interpreter.errstr}`);
    }
  });
  return errors;
}
