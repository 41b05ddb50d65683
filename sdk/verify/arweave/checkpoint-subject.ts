import { equalBytes } from '../../encoding/bytes.ts';
import { utf8 } from '../../encoding/utf8.ts';
import { encodeBase64 } from '../base64.ts';
import { failure, pass } from '../check-result.ts';
import type { ArweaveSubject } from './arweave-subject.ts';
import { tagProblems } from './check-tags.ts';

export interface CheckpointFacts {
  readonly note: string;
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
}

/**
 * A log checkpoint's anchor (transparency-log.md §5) carries the signed note, byte for byte, as
 * data, tagged Content-Type `text/plain; charset=utf-8`, App-Name `chain-publisher`, App-Version,
 * Type `checkpoint`, Log-Origin, Tree-Size (decimal) and Root-Hash (standard base64), each once.
 * An Ed25519 item's owner is the log key itself, never a key the anchor names.
 */
export function checkpointSubject({ note, origin, treeSize, rootHash }: CheckpointFacts): ArweaveSubject {
  const root = encodeBase64(rootHash);
  return {
    dataName: 'the signed checkpoint note',
    checkData: (data) =>
      equalBytes(data, utf8(note)) ? pass(`the data is the signed checkpoint of ${origin} at tree size ${treeSize}`) : failure(`the data (${data.length} bytes) is not the anchored checkpoint's signed note`),
    checkTags(tags) {
      const problems = tagProblems(tags, {
        'Content-Type': (v) => v === 'text/plain; charset=utf-8',
        'App-Name': (v) => v === 'chain-publisher',
        'App-Version': (v) => v.length > 0,
        Type: (v) => v === 'checkpoint',
        'Log-Origin': (v) => v === origin,
        'Tree-Size': (v) => v === String(treeSize),
        'Root-Hash': (v) => v === root,
      });
      return problems.length === 0 ? pass(`the checkpoint tags name ${origin} at tree size ${treeSize}, root ${root}`) : failure(problems.join('; '));
    },
  };
}
