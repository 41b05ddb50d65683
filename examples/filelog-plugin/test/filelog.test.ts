import { rm, writeFile } from 'node:fs/promises';
import { pluginConformance } from 'chain-publisher/testing';
import filelog from '../index.ts';

pluginConformance(filelog, {
  // The log's folder replaced by a file: nothing can be appended any more.
  outage: async (chain) => {
    await rm(chain.dataDir, { recursive: true, force: true });
    await writeFile(chain.dataDir, 'not a folder');
  },
});
