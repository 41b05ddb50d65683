import { buildIntent, creatorAddress, generateKey, recordIdOf, signIntent, type ProofBundle, type SignedIntent } from '../../../sdk/index.ts';
import { fixtureLog, receiptOf } from './proof-fixture.ts';

/** A proof of a record published to the "toy" chain only (test/cli/support/toy-plugin): its anchor is the digest, at line 3. */
export async function toyProof(): Promise<ProofBundle> {
  const key = await generateKey('secp256k1');
  const text = await signIntent(buildIntent({ record: { type: 'post', body: 'on a toy chain' }, targets: ['toy'], signer: key }), key);
  const intent = JSON.parse(text) as SignedIntent;
  const recordId = recordIdOf(text);
  const receipt = receiptOf({ text, intent, recordId, creator: creatorAddress(key, 'test') }, { targets: ['toy'] });
  return { intent, receipt, log: { verifierKey: fixtureLog.verifierKey }, anchors: [{ chain: 'toy', digest: recordId, line: 3 }] };
}
