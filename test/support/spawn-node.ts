export { spawnNode, type SpawnedNode } from '../../kit/spawn-node.ts';
