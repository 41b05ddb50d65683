export { startBsvDevnet, type BsvDevnet, type BsvDevnetOptions, type DevnetFaults, type FundRequest } from './start-bsv-devnet.ts';
export type { MinedBlock, ReorgOptions } from './devnet-node.ts';
export type { FaultState } from './faults.ts';
export { BsvDevnetError } from './errors.ts';
