import { ArweaveAdapterError } from './arweave-adapter-error.ts';
import { describeAnswer, type GatewayClient } from './gateway-client.ts';

/**
 * The gateway's answers that build, estimate and balance cannot do without: each either reads
 * cleanly or throws ArweaveAdapterError('gateway'), and the core retries the whole step later.
 */
export async function readWinston(gateway: GatewayClient, path: string): Promise<bigint> {
  const text = await read200(gateway, path);
  if (!/^\d{1,30}$/.test(text)) throw new ArweaveAdapterError('gateway', `GET ${path} answered ${JSON.stringify(text.slice(0, 80))}, not an amount of winston`);
  return BigInt(text);
}

/** `/tx_anchor`: the `last_tx` of a new transaction, a recent block hash (base64url). */
export async function readAnchor(gateway: GatewayClient): Promise<string> {
  const text = await read200(gateway, '/tx_anchor');
  if (!/^[A-Za-z0-9_-]{0,64}$/.test(text)) throw new ArweaveAdapterError('gateway', `GET /tx_anchor answered ${JSON.stringify(text.slice(0, 80))}, not a block hash`);
  return text;
}

/** `/info`: the tip height (and the network name the gateway reports). */
export async function readInfo(gateway: GatewayClient): Promise<{ height: number; network: string }> {
  const text = await read200(gateway, '/info');
  let info: unknown;
  try {
    info = JSON.parse(text);
  } catch {
    info = undefined;
  }
  const height = (info as { height?: unknown } | undefined)?.height;
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0) throw new ArweaveAdapterError('gateway', 'GET /info answered no height');
  const network = (info as { network?: unknown }).network;
  return { height, network: typeof network === 'string' ? network : 'unknown' };
}

async function read200(gateway: GatewayClient, path: string): Promise<string> {
  const answer = await gateway.get(path);
  if (answer.kind !== 'answer' || answer.status !== 200) throw new ArweaveAdapterError('gateway', `GET ${gateway.url}${path} failed: ${describeAnswer(answer)}`);
  return answer.text.trim();
}
