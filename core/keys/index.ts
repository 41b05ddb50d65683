export { registerKey, type RegisterKeyInput } from './register-key.ts';
export { revokeKey } from './revoke-key.ts';
export { getKey, listKeys, type KeyPage } from './read-keys.ts';
export type { KeyStatus, KeyView, Quota } from './key-view.ts';
