import type { ProofBundle, ProofReport } from '../sdk/index.ts';
import { byId, element } from './dom.ts';
import { checkLabel, logView } from './log-view.ts';

/** The proof section's elements (index.html). */
const ui = {
  verdict: byId('verdict', HTMLParagraphElement),
  checks: byId('checks', HTMLUListElement),
  log: byId('log', HTMLDListElement),
  logCheckpoint: byId('log-checkpoint', HTMLElement),
  logAnchored: byId('log-anchored', HTMLElement),
  checkpointAnchors: byId('checkpoint-anchors', HTMLUListElement),
};

/** Empties the proof section, for a new record. */
export function clearProof(): void {
  ui.verdict.textContent = '';
  ui.checks.replaceChildren();
  ui.log.hidden = true;
  ui.checkpointAnchors.replaceChildren();
}

/** What verifyProof found: the verdict, each named check, and the operator's log. */
export function showProof(proof: ProofBundle, report: ProofReport, complete: boolean): void {
  ui.verdict.textContent = report.ok ? '✓ The proof verifies (checked in this browser, offline)' : `✗ The proof does not verify${complete ? '' : ' (not every chain has confirmed yet)'}`;
  ui.verdict.className = report.ok ? 'ok' : 'failure';
  ui.checks.replaceChildren(
    ...report.checks.map((check) => {
      const item = element('li', `${check.ok ? '✓' : '✗'} ${checkLabel(check)}`, check.ok ? 'ok' : 'failure');
      item.dataset['check'] = check.name;
      item.append(element('span', check.detail, 'detail'));
      return item;
    }),
  );
  showLog(proof, report);
}

/** The receipt against its checkpoint and, once the log is anchored, where that checkpoint sits on each chain. */
function showLog(proof: ProofBundle, report: ProofReport): void {
  const view = logView(proof, report);
  ui.logCheckpoint.textContent = view.receipt.text;
  ui.logCheckpoint.className = view.receipt.ok ? 'ok' : 'failure';
  ui.logAnchored.textContent = view.anchored.text;
  ui.logAnchored.className = view.anchored.ok ? 'ok' : 'failure';
  ui.checkpointAnchors.replaceChildren(
    ...view.anchors.map((row) => {
      const item = element('li');
      item.dataset['chain'] = row.chain;
      item.append(element('strong', row.chain), ' ', element('span', row.ok ? '✓ holds the checkpoint' : '✗ does not verify', row.ok ? 'ok' : 'failure'));
      item.append(element('span', row.where, 'detail'), element('span', row.block, 'detail'));
      return item;
    }),
  );
  ui.log.hidden = false;
}
