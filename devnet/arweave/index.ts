export { startArweaveDevnet, type ArweaveDevnet, type ArweaveDevnetOptions, type ArweaveFunding, type ArweaveDevnetFaults } from './arweave-devnet.ts';
export { ArweaveDevnetError } from './errors.ts';
export type { ArweaveReorgOptions } from './arlocal-db.ts';
export type { ArweaveFaults, ArweaveFaultState } from './gateway-front.ts';
