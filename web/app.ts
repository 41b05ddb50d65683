/**
 * The node's web page: a key made in this browser (or imported from a key file) signs a record,
 * the node publishes it, the status streams in live, and the proof is downloaded and verified
 * here, offline.
 */
import {
  PublicationStatus,
  buildIntent,
  createPublisherClient,
  creatorAddress,
  exportKeyFile,
  generateKey,
  importKeyFile,
  isPublisherSdkError,
  signIntent,
  verifyProof,
  verifyReceipt,
  type GetInfoResponse,
  type Network,
  type Publication,
  type SigningKey,
} from '../sdk/index.ts';
import { copyText } from './copy-text.ts';
import { byId, downloadText, element } from './dom.ts';
import { PageProblem, errorText } from './error-text.ts';
import { receiptCheckpointText } from './log-view.ts';
import { clearProof, showProof } from './proof-view.ts';
import { registerCommand } from './register-command.ts';

const ui = {
  nodeInfo: byId('node-info', HTMLParagraphElement),
  createKey: byId('create-key', HTMLButtonElement),
  importKey: byId('import-key', HTMLButtonElement),
  keyFile: byId('key-file', HTMLInputElement),
  exportKey: byId('export-key', HTMLButtonElement),
  address: byId('address', HTMLElement),
  publicKey: byId('public-key', HTMLElement),
  registration: byId('registration', HTMLDivElement),
  registerCommand: byId('register-command', HTMLElement),
  copyCommand: byId('copy-command', HTMLButtonElement),
  copyStatus: byId('copy-status', HTMLSpanElement),
  form: byId('publish-form', HTMLFormElement),
  record: byId('record', HTMLTextAreaElement),
  targets: byId('targets', HTMLFieldSetElement),
  targetsHint: byId('targets-hint', HTMLParagraphElement),
  publish: byId('publish', HTMLButtonElement),
  recordId: byId('record-id', HTMLElement),
  receipt: byId('receipt', HTMLPreElement),
  status: byId('status', HTMLUListElement),
  downloadProof: byId('download-proof', HTMLButtonElement),
  error: byId('error', HTMLParagraphElement),
};

// The page's own folder on its own origin: no CORS, connect-src 'self' suffices, and a reverse
// proxy may serve the node under a path prefix.
const nodeUrl = new URL('.', location.href).href;
const node = createPublisherClient({ baseUrl: nodeUrl });
let network: Network = 'test';
let openRegistration = false;
/** The node's log verifier key (GetInfo): receipts and proofs are checked against it. */
let logKey: string | undefined;
let key: SigningKey | undefined;
let recordId: string | undefined;

/** Each chain's statuses in the order seen, for the QUEUED → SUBMITTED → CONFIRMED trail. */
const trails = new Map<string, string[]>();

/** Shows an error in the section where it happened, so it appears beside the button pressed. */
function showError(error: unknown, near: HTMLElement = ui.nodeInfo): void {
  const { message, reason, detail } = errorText(error);
  ui.error.replaceChildren(element('strong', message), element('small', `${reason} · ${detail}`));
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
    if (button === ui.publish) updatePublishButton();
  }
}

function showInfo(info: GetInfoResponse): void {
  // The node prints creator addresses in its own network's format; only mainnet BSV uses 0x00.
  network = info.chains.some((chain) => chain.network === 'mainnet') ? 'mainnet' : 'test';
  const chains = info.chains.map((chain) => `${chain.name} (${chain.network})`).join(', ');
  openRegistration = info.openRegistration;
  logKey = info.logVerifierKey || undefined;
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
  if (info.chains.length === 0) ui.targets.append(element('span', 'This node publishes to no chain.', 'hint'));
}

async function createKey(): Promise<void> {
  useKey(await generateKey('secp256k1'));
}

/** Reads the key file chosen in the file picker: the page's own export, or the CLI's. */
async function importChosenKey(): Promise<void> {
  const file = ui.keyFile.files?.[0];
  ui.keyFile.value = '';
  if (file === undefined) return;
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    throw new PageProblem('INVALID_KEY', `${file.name} is not JSON`);
  }
  useKey(await importKeyFile(value));
}

function useKey(chosen: SigningKey): void {
  key = chosen;
  ui.address.textContent = creatorAddress(key, network);
  ui.publicKey.textContent = key.publicKey;
  ui.exportKey.disabled = false;
  updatePublishButton();
  if (!openRegistration) showRegistration(key);
  else ui.registration.hidden = true;
}

/** What the operator must run before this node accepts the key, ready to copy. */
function showRegistration(signer: SigningKey): void {
  // One box per word, so lines break between words, not after the hyphens of "--node".
  const words = registerCommand(signer, nodeUrl, 'web-page').map((word) => element('span', word, 'word'));
  ui.registerCommand.replaceChildren(...words.flatMap((word, at) => (at === 0 ? [word] : [' ', word])));
  ui.copyStatus.textContent = '';
  ui.registration.hidden = false;
}

async function copyCommand(): Promise<void> {
  const copied = await copyText(ui.registerCommand);
  ui.copyStatus.textContent = copied ? 'Copied.' : 'Selected: press Ctrl+C (⌘C) to copy.';
}

async function exportCurrentKey(): Promise<void> {
  if (key === undefined) return;
  downloadText(`creator-key-${ui.address.textContent ?? key.scheme}.json`, JSON.stringify(await exportKeyFile(key), null, 2));
}

function chosenTargets(): string[] {
  return [...ui.targets.querySelectorAll<HTMLInputElement>('input[name="target"]:checked')].map((box) => box.value);
}

/** Publishing needs a key and at least one chain; the hint says which is missing. */
function updatePublishButton(): void {
  const noTarget = chosenTargets().length === 0;
  ui.targetsHint.textContent = noTarget ? 'Choose at least one chain to publish to.' : '';
  ui.publish.disabled = key === undefined || noTarget;
}

async function publish(): Promise<void> {
  if (key === undefined) return;
  const targets = chosenTargets();
  if (targets.length === 0) throw new PageProblem('NO_TARGET', 'no chain is chosen under "Publish to"');
  const record: unknown = JSON.parse(ui.record.value);
  const intentJson = await signIntent(buildIntent({ record, targets, signer: key }), key);
  resetResult();
  let result;
  try {
    result = await node.publish(intentJson);
  } catch (error) {
    if (isPublisherSdkError(error) && error.reason === 'KEY_NOT_REGISTERED') showRegistration(key);
    throw error;
  }
  recordId = result.recordId;
  ui.recordId.textContent = result.duplicate ? `${result.recordId} (already published)` : result.recordId;
  const receiptOk = logKey !== undefined && (await verifyReceipt(result.receipt, { logKey, intent: intentJson }));
  const checkpoint = receiptCheckpointText(result.receipt);
  const under = checkpoint === undefined ? '' : ` (${checkpoint})`;
  ui.receipt.textContent = `${receiptOk ? `✓ in the operator's log, under a checkpoint signed with its log key${under}` : "✗ the receipt does not verify against the node's log key"}\n${result.receipt}`;
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
  clearProof();
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
  const report = await verifyProof(proof, logKey === undefined ? {} : { logKey });
  showProof(proof, report, complete);
}

ui.createKey.addEventListener('click', () => void busy(ui.createKey, createKey));
ui.importKey.addEventListener('click', () => ui.keyFile.click());
ui.keyFile.addEventListener('change', () => void busy(ui.importKey, importChosenKey));
ui.exportKey.addEventListener('click', () => void busy(ui.exportKey, exportCurrentKey));
ui.copyCommand.addEventListener('click', () => void busy(ui.copyCommand, copyCommand));
ui.targets.addEventListener('change', updatePublishButton);
ui.downloadProof.addEventListener('click', () => void busy(ui.downloadProof, downloadProof));
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void busy(ui.publish, publish);
});

try {
  showInfo(await node.getInfo());
  ui.createKey.disabled = false;
  ui.importKey.disabled = false;
} catch (error) {
  ui.nodeInfo.textContent = 'The node did not answer.';
  showError(error);
}
