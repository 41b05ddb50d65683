import { readCheckpoint, type ProofBundle, type ProofCheck, type ProofReport } from '../sdk/index.ts';

/** One line of the page's log block: its text and whether it is good news. */
export interface LogLine {
  readonly ok: boolean;
  readonly text: string;
}

/** Where the anchored checkpoint sits on one chain, as the proof's checkpoint anchor says. */
export interface CheckpointAnchorRow {
  readonly chain: string;
  /** Every offline check of this anchor passed. */
  readonly ok: boolean;
  /** The transaction or item holding the checkpoint: "tx …", "item … in bundle …". */
  readonly where: string;
  /** "block 812345 · 6 confirmations", as the anchor claims (the proof's online claim). */
  readonly block: string;
}

export interface LogView {
  /** The receipt against its own checkpoint (origin, tree size, root). */
  readonly receipt: LogLine;
  /** The anchored checkpoint and its consistency with the receipt's, or that the log is not yet anchored. */
  readonly anchored: LogLine;
  readonly anchors: readonly CheckpointAnchorRow[];
}

/**
 * What the proof section shows of the operator's log (transparency-log.md §6), from the proof
 * bundle and verifyProof's report of it: no DOM here, so it is tested without a browser.
 */
export function logView(proof: ProofBundle, report: ProofReport): LogView {
  const named = (name: string) => report.checks.find((check) => check.name === name);
  const log = report.log;
  const receiptOk = named('receipt.signature')?.ok === true;
  const at = log?.checkpoint;
  const checkpoint = at === undefined ? 'its checkpoint' : `checkpoint ${at.origin}, tree size ${at.size}, root ${at.rootHash}`;
  const whose = log?.keyFromBundle ? ' (the log key was taken from the proof itself)' : '';
  const receipt = { ok: receiptOk, text: receiptOk ? `✓ Receipt verified against ${checkpoint}${whose}` : `✗ The receipt does not verify against ${checkpoint}` };
  if (log === undefined || !log.anchored) {
    return { receipt, anchored: { ok: true, text: 'The log is not yet anchored: no checkpoint covering this record is confirmed on a chain yet.' }, anchors: [] };
  }
  const logChecks = report.checks.filter((check) => check.name.startsWith('log.'));
  const failedLog = logChecks.filter((check) => !check.ok).map((check) => check.name);
  const size = log.anchoredCheckpoint?.size;
  const anchored =
    failedLog.length === 0
      ? { ok: true, text: `✓ Anchored checkpoint: tree size ${String(size)}, signed with the log key and consistent with the receipt's` }
      : { ok: false, text: `✗ The anchored checkpoint does not verify: ${failedLog.join(', ')}` };
  const anchors = (proof.log?.checkpointAnchors ?? []).map((anchor, index) => anchorRow(anchor, report.checks.filter((check) => check.checkpointAnchor === index)));
  return { receipt, anchored, anchors };
}

function anchorRow(anchor: Readonly<Record<string, unknown>>, checks: readonly ProofCheck[]): CheckpointAnchorRow {
  const text = (field: string) => (typeof anchor[field] === 'string' || typeof anchor[field] === 'number' ? String(anchor[field]) : undefined);
  const txid = text('txid');
  const id = text('id');
  const bundle = text('bundleId');
  const where = txid !== undefined ? `tx ${txid}` : id !== undefined ? (bundle !== undefined ? `item ${id} in bundle ${bundle}` : `transaction ${id}`) : 'no transaction named';
  const confirmations = text('confirmations');
  const block = `block ${text('blockHeight') ?? '?'}${confirmations === undefined ? '' : ` · ${confirmations} confirmation${confirmations === '1' ? '' : 's'}`}`;
  return { chain: String(anchor['chain']), ok: checks.length > 0 && checks.every((check) => check.ok), where, block };
}

/** The receipt's checkpoint as "origin, tree size N", for the status section; undefined when it cannot be read. */
export function receiptCheckpointText(receipt: string): string | undefined {
  try {
    const { origin, size } = readCheckpoint(receipt.slice(receipt.indexOf('\n\n') + 2));
    return `${origin}, tree size ${size}`;
  } catch {
    return undefined;
  }
}

/** A check's name with the anchor it is about: "bsv.output (anchor 0)", "bsv.output (checkpoint anchor 0)". */
export function checkLabel(check: ProofCheck): string {
  if (check.checkpointAnchor !== undefined) return `${check.name} (checkpoint anchor ${check.checkpointAnchor})`;
  return check.anchor === undefined ? check.name : `${check.name} (anchor ${check.anchor})`;
}
