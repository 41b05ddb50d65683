/** The ready line's message; tests and scripts look for it (in JSON and pretty output alike). */
export const READY_PREFIX = 'chain publisher ready at ';

/** What the ready line carries besides its message: the banner's content. */
export interface ReadyFields {
  url: string;
  profile: string;
  /** Where the admin token is kept and how to send it; never the token. */
  adminToken: string;
  chains: readonly { name: string; network: string }[];
  /** The transparency log's verifier key (its checkpoints' signer), as GetInfo gives it. */
  logVerifierKey: string;
}

/** The ready line as a person reads it on a terminal: where the node is and how to use it. */
export function readyBanner(fields: ReadyFields): string {
  const chains = fields.chains.map((chain) => `${chain.name} (${chain.network})`).join(', ') || 'none';
  const rows: [string, string][] = [
    ['chains', chains],
    ['admin token', fields.adminToken],
    ['log key', fields.logVerifierKey],
    ['try', `node bin/publisher.mjs --help, or ${fields.url}/ in a browser`],
    ['stop', 'Ctrl-C (finishes in-flight work first)'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return ['', `  ${READY_PREFIX}${fields.url}  (${fields.profile} profile)`, '', ...rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`), '', ''].join('\n');
}
