import { fromUtf8 } from '../../encoding/utf8.ts';
import { canonicalJson } from '../../json/canonical-json.ts';
import { failure, pass } from '../check-result.ts';
import type { IntentFacts } from '../read-intent.ts';
import type { ArweaveSubject } from './arweave-subject.ts';
import { checkTags } from './check-tags.ts';

/** A record's anchor carries its signed intent as data under the §4 tags, naming the creator the receipt records. */
export function recordSubject(facts: IntentFacts | undefined, receiptCreator: unknown, itemKey: unknown): ArweaveSubject {
  return {
    dataName: 'the signed intent',
    checkData(data) {
      if (facts === undefined) return failure('the intent could not be decoded, so there is nothing to compare the data with');
      // Compared canonically: the node may store the envelope in the creator's spelling or in JCS.
      const canonical = canonicalJson(JSON.parse(fromUtf8(data)));
      return canonical === facts.canonical ? pass(`the data is the signed intent of record ${facts.recordId}`) : failure('the data is not the signed intent of this proof');
    },
    // §4: in layer-1 mode an RSA creator's key is in the data only (the tags' 2048-byte limit).
    checkTags: (tags, operator, layer1) => checkTags(tags, operator, facts, receiptCreator, layer1 ? ['CreatorPubKey'] : []),
    itemKey,
  };
}
