import { fileURLToPath } from 'node:url';
import { nodeConformance } from 'chain-publisher/testing';
import filelog from '../index.ts';

// The node loads the plugin from this folder, as chains.plugins.filelog: <path> names it.
nodeConformance({ plugin: filelog, module: fileURLToPath(new URL('..', import.meta.url)) });
