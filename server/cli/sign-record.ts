import { buildIntent, isPublisherSdkError, signIntent, type SigningKey } from '../../sdk/index.ts';
import { inputError, usageError } from './cli-error.ts';

/** `--to <chain>,<chain>` as a list of chain names. */
export function parseTargets(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const targets = text.split(',').map((target) => target.trim()).filter((target) => target !== '');
  if (targets.length === 0) throw usageError('--to needs chain names, comma-separated: the node\'s chains (GetInfo)');
  return targets;
}

/** The signed intent text for a record; the SDK's checks become errors naming --to or the file. */
export async function signRecord(record: Record<string, unknown>, key: SigningKey, targets: readonly string[], recordPath: string): Promise<string> {
  try {
    return await signIntent(buildIntent({ record, targets, signer: key }), key);
  } catch (error) {
    if (!isPublisherSdkError(error) || error.reason !== 'INVALID_INPUT') throw error;
    if (error.metadata['field'] === 'targets') throw usageError(`--to: ${error.message}`);
    throw inputError(`the record ${recordPath} cannot be signed: ${error.message}`);
  }
}
