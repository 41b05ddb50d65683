export { createArweaveAdapter } from './create-arweave-adapter.ts';
export type { ArweaveAdapterOptions, ArweaveMode } from './arweave-adapter-options.ts';
export { ArweaveAdapterError, type ArweaveErrorReason } from './arweave-adapter-error.ts';
