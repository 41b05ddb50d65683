/** The checks the BSV verifier reports, by stable name (sdk/README.md, "Proof checks"). */
export const bsvChecks = {
  txid: 'bsv.txid',
  output: 'bsv.output',
  merklePath: 'bsv.merkle-path',
  header: 'bsv.header',
  merkleRoot: 'bsv.merkle-root',
  proofOfWork: 'bsv.proof-of-work',
} as const;

export type BsvCheckName = (typeof bsvChecks)[keyof typeof bsvChecks];
