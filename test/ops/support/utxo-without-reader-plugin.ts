import bsvPlugin from '../../../adapters/bsv/plugin.ts';
import type { UtxoFunding } from '../../../core/adapter/index.ts';
import type { ChainPlugin } from '../../../core/plugin/index.ts';

const name = 'utxolegacy';
const { aliases: _coreAliases, ...core } = bsvPlugin.core ?? {};

/**
 * A UTXO plugin written before the adapter contract had `funding.readTransaction`: the BSV plugin
 * under another name (its devnet in the dev profile), its adapter without the capability.
 */
const utxoWithoutReader: ChainPlugin = {
  ...bsvPlugin,
  name,
  // Aliases name BSV's own environment variables.
  settings: bsvPlugin.settings.map(({ aliases: _aliases, ...setting }) => setting),
  core,
  async start(context) {
    const started = await bsvPlugin.start(context);
    const { readTransaction: _reader, ...funding } = started.adapter.funding as UtxoFunding;
    return { ...started, adapter: { ...started.adapter, name, funding } };
  },
  verifier: { ...bsvPlugin.verifier, chain: name },
};

export default utxoWithoutReader;
