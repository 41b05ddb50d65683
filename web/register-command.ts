/** Where the `publisher` CLI looks when given no --node (server/cli/cli-context.ts). */
const CLI_DEFAULT_NODES = new Set(['http://127.0.0.1:8080', 'http://localhost:8080']);

/** Characters a POSIX shell takes literally in a word. */
const SHELL_SAFE = /^[A-Za-z0-9_./:@%+=,-]+$/;

/**
 * The words, quoted for a POSIX shell, of the command an operator runs to register this key
 * (docs/cli.md, `keys register`), joined by spaces; run from
 * the node's directory (where the CLI finds the dev profile's admin token) or with
 * PUBLISHER_ADMIN_TOKEN set. --node is named unless the page is at the CLI's default.
 */
export function registerCommand(key: { readonly scheme: string; readonly publicKey: string }, pageNodeUrl: string, label: string): string[] {
  const node = pageNodeUrl.replace(/\/+$/, '');
  const words = ['npx', 'publisher', 'keys', 'register', '--public-key', key.publicKey];
  if (key.scheme !== 'secp256k1') words.push('--scheme', key.scheme);
  words.push('--label', label);
  if (!CLI_DEFAULT_NODES.has(node)) words.push('--node', node);
  return words.map(shellWord);
}

function shellWord(word: string): string {
  return SHELL_SAFE.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
