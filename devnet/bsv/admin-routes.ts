import type { DevnetNode, ReorgOptions } from './devnet-node.ts';
import { BsvDevnetError } from './errors.ts';
import type { Faults } from './faults.ts';
import { jsonObject, readBody, sendJson, type Route } from './http-util.ts';

/** Devnet controls: `POST /devnet/mine {"blocks": n}` and `POST /devnet/faults {…}` (see Faults). */
export function adminRoutes(node: DevnetNode, faults: Faults): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/devnet\/mine$/,
      handler: async (req, res) => {
        const { blocks = 1 } = jsonObject(await readBody(req));
        sendJson(res, 200, { blocks: node.mine(wholeNumber('blocks', blocks)) });
      },
    },
    {
      method: 'POST',
      path: /^\/devnet\/faults$/,
      handler: async (req, res) => {
        const body = jsonObject(await readBody(req));
        if (body['clear'] === true) faults.clear();
        if (body['status5xx'] !== undefined) faults.status5xx(wholeNumber('status5xx', body['status5xx']));
        if (body['delayMs'] !== undefined) faults.delay(wholeNumber('delayMs', body['delayMs']), wholeNumber('count', body['count'] ?? 1));
        if (body['drop'] !== undefined) faults.drop(wholeNumber('drop', body['drop']));
        if (body['doubleSpendWins'] !== undefined) faults.doubleSpendWins(wholeNumber('doubleSpendWins', body['doubleSpendWins']));
        if (body['dropCallbacks'] !== undefined) faults.dropCallbacks(wholeNumber('dropCallbacks', body['dropCallbacks']));
        const reorged = body['reorg'] === undefined ? undefined : reorg(faults, body['reorg']);
        sendJson(res, 200, { faults: faults.pending(), ...(reorged ? { reorg: reorged } : {}) });
      },
    },
  ];
}

/** `{"depth": n, "drop": ["<txid>", …], "remine": true}` */
function reorg(faults: Faults, value: unknown): ReturnType<Faults['reorg']> {
  if (typeof value !== 'object' || value === null) throw new BsvDevnetError('reorg must be an object like {"depth": 1}');
  const { depth, drop, remine } = value as Record<string, unknown>;
  const options: ReorgOptions = {};
  if (drop !== undefined) {
    if (!Array.isArray(drop) || !drop.every((t) => typeof t === 'string')) throw new BsvDevnetError('reorg.drop must be an array of txids');
    options.drop = drop;
  }
  if (remine !== undefined) {
    if (typeof remine !== 'boolean') throw new BsvDevnetError('reorg.remine must be true or false');
    options.remine = remine;
  }
  return faults.reorg(wholeNumber('reorg.depth', depth), options);
}

function wholeNumber(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new BsvDevnetError(`${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}
