/**
 * The node's web page: a key made in this browser signs a record, the node publishes it, the
 * status streams in live, and the proof is downloaded and verified here, offline.
 */
import {
  PublicationStatus,
  buildIntent,
  createPublisherClient,
  creatorAddress,
  exportKey,
  generateKey,
  signIntent,
  verifyProof,
  verifyReceipt,
  type GetInfoResponse,
  type Network,
  type Publication,
  type Secp256k1Key,
} from '../sdk/index.ts';
import { byId, downloadText, element } from './dom.ts';
import { errorText } from './error-text.ts';

const ui = {
  nodeInfo: byId('node-info', HTMLParagraphElement),
  createKey: byId('create-key', HTMLButtonElement),
  exportKey: byId('export-key', HTMLButtonElement),
  address: byId('address', HTMLElement),
  publicKey: byId('public-key', HTMLElement),
  form: byId('publish-form', HTMLFormElement),
  record: byId('record', HTMLTextAreaElement),
  targets: byId('targets', HTMLFieldSetElement),
  publish: byId('publish', HTMLButtonElement),
  recordId: byId('record-id', HTMLElement),
  receipt: byId('receipt', HTMLPreElement),
  status: byId('status', HTMLUListElement),
  downloadProof: byId('download-proof', HTMLButtonElement),
  verdict: byId('verdict', HTMLParagraphElement),
  checks: byId('checks', HTMLUListElement),
  error: byId('error', HTMLParagraphElement),
};

// The page's own folder on its own origin: no CORS, connect-src 'self' suffices, and a reverse
// proxy may serve the node under a path prefix.
const node = createPublisherClient({ baseUrl: new URL('.', location.href).href });
let network: Network = 'test';
let key: Secp256k1Key | undefined;
let recordId: string | undefined;

/** Each chain's statuses in the order seen, for the QUEUED → SUBMITTED → CONFIRMED trail. */
const trails = new Map<string, string[]>();

/** Shows an error in the section where it happened, so it appears beside the button pressed. */
function showError(error: unknown, near: HTMLElement = ui.nodeInfo): void {
  const { reason, hint, detail } = errorText(error);
  ui.error.replaceChildren(element('strong', reason), `: ${hint}`, element('small', detail));
  (near.closest('section') ?? near.parentElement ?? document.body).append(ui.error);
  ui.error.hidden = false;
}

function clearError(): void {
  ui.error.hidden = true;
  ui.error.replaceChildren();
}

/** Runs a button's action with the button disabled, showing any failure. */
async function busy(button: HTMLButtonElement, action: () => Promise<void>): Promise<void> {
  clearError();
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    showError(error, button);
  } finally {
    button.disabled = false;
  }
}

function showInfo(info: GetInfoResponse): void {
  // The node prints creator addresses in its own network's format; only mainnet BSV uses 0x00.
  network = info.chains.some((chain) => chain.network === 'mainnet') ? 'mainnet' : 'test';
  const chains = info.chains.map((chain) => `${chain.name} (${chain.network})`).join(', ');
  const keys = info.openRegistration ? 'any key may publish' : 'registered keys only';
  ui.nodeInfo.textContent = `Node ${info.version} · chains: ${chains || 'none'} · ${keys}`;
  for (const chain of info.chains) {
    const box = element('input');
    box.type = 'checkbox';
    box.name = 'target';
    box.value = chain.name;
    box.checked = true;
    const label = element('label', ` ${chain.name}`);
    label.prepend(box);
    ui.targets.append(label);
  }
}

async function createKey(): Promise<void> {
  key = await generateKey('secp256k1');
  ui.address.textContent = creatorAddress(key, network);
  ui.publicKey.textContent = key.publicKey;
  ui.exportKey.disabled = false;
  ui.publish.disabled = false;
}

async function exportCurrentKey(): Promise<void> {
  if (key === undefined) return;
  downloadText(`creator-key-${ui.address.textContent ?? 'secp256k1'}.json`, JSON.stringify(await exportKey(key), null, 2));
}

function chosenTargets(): string[] {
  return [...ui.targets.querySelectorAll<HTMLInputElement>('input[name="target"]:checked')].map((box) => box.value);
}

async function publish(): Promise<void> {
  if (key === undefined) return;
  const record: unknown = JSON.parse(ui.record.value);
  const intentJson = await signIntent(buildIntent({ record, targets: chosenTargets(), signer: key }), key);
  resetResult();
  const result = await node.publish(intentJson);
  recordId = result.recordId;
  ui.recordId.textContent = result.duplicate ? `${result.recordId} (already published)` : result.recordId;
  const receiptOk = await verifyReceipt(result.receiptJson, intentJson);
  ui.receipt.textContent = `${receiptOk ? '✓ signed by the operator' : '✗ receipt signature does not verify'}\n${JSON.stringify(result.receipt, null, 2)}`;
  showStatuses(result.publications);
  try {
    for await (const update of node.watch(result.recordId)) showStatuses(update.publications);
  } finally {
    // Even if the stream broke, the node may already hold a (partial) proof.
    ui.downloadProof.disabled = false;
  }
}

function resetResult(): void {
  recordId = undefined;
  trails.clear();
  ui.recordId.textContent = '—';
  ui.receipt.textContent = '—';
  ui.status.replaceChildren();
  ui.downloadProof.disabled = true;
  ui.verdict.textContent = '';
  ui.checks.replaceChildren();
}

function showStatuses(publications: readonly Publication[]): void {
  ui.status.replaceChildren(...publications.map(statusItem));
}

function statusItem(publication: Publication): HTMLLIElement {
  const status = PublicationStatus[publication.status] ?? 'UNSPECIFIED';
  const trail = trails.get(publication.chain) ?? [];
  if (trail.at(-1) !== status) trail.push(status);
  trails.set(publication.chain, trail);

  const item = element('li');
  item.dataset['chain'] = publication.chain;
  item.dataset['status'] = status;
  item.append(element('strong', publication.chain), ' ', element('span', status, `badge ${status.toLowerCase()}`), element('span', trail.join(' → '), 'trail'));
  if (publication.txid !== '') {
    const txid = element('span', 'txid ', 'detail');
    txid.append(element('code', publication.txid));
    item.append(txid);
  }
  if (publication.status === PublicationStatus.SUBMITTED || publication.status === PublicationStatus.CONFIRMED) {
    const n = publication.confirmations;
    item.append(element('span', `${n} confirmation${n === 1 ? '' : 's'}`, 'detail'));
  }
  if (publication.lastError !== '') item.append(element('span', publication.lastError, 'detail failure'));
  return item;
}

async function downloadProof(): Promise<void> {
  if (recordId === undefined) return;
  const { proof, proofJson, complete } = await node.getProof(recordId);
  downloadText(`proof-${recordId}.json`, proofJson);
  const report = await verifyProof(proof);
  ui.verdict.textContent = report.ok ? '✓ The proof verifies (checked in this browser, offline)' : `✗ The proof does not verify${complete ? '' : ' (not every chain has confirmed yet)'}`;
  ui.verdict.className = report.ok ? 'ok' : 'failure';
  ui.checks.replaceChildren(
    ...report.checks.map((check) => {
      const item = element('li', `${check.ok ? '✓' : '✗'} ${check.name}`, check.ok ? 'ok' : 'failure');
      item.dataset['check'] = check.name;
      item.append(element('span', check.detail, 'detail'));
      return item;
    }),
  );
}

ui.createKey.addEventListener('click', () => void busy(ui.createKey, createKey));
ui.exportKey.addEventListener('click', () => void busy(ui.exportKey, exportCurrentKey));
ui.downloadProof.addEventListener('click', () => void busy(ui.downloadProof, downloadProof));
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(ui.publish, publish);
});

try {
  showInfo(await node.getInfo());
  ui.createKey.disabled = false;
} catch (error) {
  ui.nodeInfo.textContent = 'The node did not answer.';
  showError(error);
}
