export { startArweaveDevnet, type ArweaveDevnet, type ArweaveDevnetOptions, type ArweaveFunding } from './arweave-devnet.ts';
export { ArweaveDevnetError } from './errors.ts';
