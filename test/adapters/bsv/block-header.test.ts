import { describe, expect, it } from 'vitest';
import { displayHash, headerFromWoc } from '../../../adapters/bsv/block-header.ts';
import { legacyHeader } from '../../sdk/support/legacy-header.ts';

/** Mainnet block 575045 as WhatsOnChain documents its answer (docs.taal.com, WhatsOnChain, Block). */
const answer = {
  hash: '000000000000000004a288072ebb35e37233f419918f9783d499979cb6ac33eb',
  confirmations: 330021,
  size: 14421,
  height: 575045,
  version: 536928256,
  versionHex: '2000e000',
  merkleroot: '4ebcba09addd720991d03473f39dce4b9a72cc164e505cd446687a54df9b1585',
  time: 1553416668,
  mediantime: 1553414858,
  nonce: 87914848,
  bits: '180997ee',
  difficulty: 114608607557.4425,
  chainwork: '000000000000000000000000000000000000000000ddf5d385546872bab7dc01',
  previousblockhash: '00000000000000000988156c7075dc9147a5b62922f1310862e8b9000d46dd9b',
  nextblockhash: '00000000000000000112b36a37c10235fa0c991f680bc5482ba9692e0ae697db',
  nTx: 0,
  num_tx: 5,
};

describe('the BSV adapter rebuilds a block header from WhatsOnChain\'s fields', () => {
  it('serialises the 80 bytes that hash to the block id, as bsv@1.5.6 reads them', () => {
    const header = headerFromWoc(answer, answer.hash);
    if (typeof header === 'string') throw new Error(header);
    expect(header).toHaveLength(80);
    expect(displayHash(header)).toBe(answer.hash);
    expect(legacyHeader(header.toString('hex'))).toEqual({ hash: answer.hash, merkleRoot: answer.merkleroot, validProofOfWork: true });
  });

  it.each([
    ['a changed field', { ...answer, nonce: answer.nonce + 1 }, /^its fields make a header hashing to [0-9a-f]{64}, not to 0000/],
    ['bits as a number', { ...answer, bits: 0x180997ee }, undefined],
    ['no merkleroot', { ...answer, merkleroot: undefined }, /merkleroot must be 64 hex characters/],
    ['a time beyond 32 bits', { ...answer, time: 2 ** 32 }, /must be 32-bit unsigned integers/],
    ['not an object', [answer], /not a JSON object/],
  ])('with %s: refuses unless the bytes still hash to the block id', (_what, json, problem) => {
    const header = headerFromWoc(json, answer.hash);
    if (problem === undefined) expect(displayHash(header as Buffer)).toBe(answer.hash);
    else expect(header).toMatch(problem);
  });
});
