import type { AnchorVerifier } from '../../../../sdk/verify/index.ts';
import type { ChainPlugin } from '../../../../core/plugin/index.ts';

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A chain whose anchor is the intent's digest written down: enough to tell a right anchor from a wrong one. */
export const toyVerifier: AnchorVerifier = {
  chain: 'toy',
  async verify(anchor, { index, facts }) {
    const expected = facts === undefined ? undefined : hex(facts.digest);
    const ok = anchor['digest'] === expected;
    return {
      checks: [{ name: 'toy.digest', anchor: index, ok, detail: ok ? `the digest is ${expected}` : `the digest is not ${expected}` }],
      onlineClaim: { anchor: index, chain: 'toy', claim: `line ${String(anchor['line'])} holds it` },
    };
  },
};

/** A plugin with nothing to run: only its verifier is used (by publisher verify). */
const toyPlugin: ChainPlugin = {
  name: 'toy',
  settings: [],
  funding: { model: 'none', unit: 'line' },
  start: () => Promise.reject(new Error('the toy chain does not run')),
  verifier: toyVerifier,
};

export default toyPlugin;
