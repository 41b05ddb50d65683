export { createBsvAdapter } from './create-bsv-adapter.ts';
export type { BsvAdapterOptions, BsvNetwork } from './bsv-adapter-options.ts';
export { BsvAdapterError } from './bsv-adapter-error.ts';
