/**
 * The kit for chain plugin authors (docs/plugins.md), published as `chain-publisher/testing`:
 * the conformance suite a plugin's own vitest file runs, the helpers it uses, and the node-level
 * conformance run.
 */
export { chainConformance } from './chain-conformance.ts';
export type { ConformanceSetup } from './conformance-setup.ts';
export { pluginConformance, type PluginConformanceOptions } from './plugin-conformance.ts';
export { nodeConformance, type NodeConformanceOptions } from './node-conformance.ts';
export { spawnNode, type SpawnedNode } from './spawn-node.ts';
export { startPlugin, testOperatorKey, type StartedPlugin, type StartPluginOptions } from './start-plugin.ts';
export { batchRecord, batchRecords } from './batch-records.ts';
export { newCreator, signEnvelope, type TestCreator } from './test-creator.ts';
