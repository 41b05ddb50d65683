import { mkdir } from 'node:fs/promises';
import type { ChainPlugin } from 'chain-publisher/plugin';
import { createFilelogAdapter } from './filelog-adapter.ts';
import { filelogVerifier } from './verifier.ts';

/** The filelog chain: records appended to a local file. Enable it with `chains.plugins.filelog: <this package>`. */
const filelog: ChainPlugin = {
  name: 'filelog',
  settings: [
    { key: 'directory', type: 'string', doc: "the folder of the log (chain.log); by default the chain's folder in the node's data directory" },
    { key: 'network', type: 'string', default: 'local', doc: 'the name of this log in anchors (one log, one network)' },
    { key: 'maxRecordBytes', type: 'integer', default: 65_536, min: 1, doc: 'the largest signed intent one record of a line may hold, in bytes' },
  ],
  funding: { model: 'none', unit: 'byte' },
  async start({ settings, dataDir, batchSize }) {
    const directory = typeof settings['directory'] === 'string' ? settings['directory'] : dataDir;
    await mkdir(directory, { recursive: true });
    const adapter = createFilelogAdapter({
      directory,
      network: String(settings['network']),
      maxRecordBytes: Number(settings['maxRecordBytes']),
      maxRecordsPerTransaction: batchSize,
    });
    return { adapter, stop: async () => undefined };
  },
  verifier: filelogVerifier,
};

export default filelog;
