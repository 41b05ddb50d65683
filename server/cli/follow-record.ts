import { PublicationStatus, type PublisherClient, type PublisherRecord } from '../../sdk/index.ts';
import { callError } from './call-error.ts';
import type { CliContext } from './cli-context.ts';
import { CliError } from './cli-error.ts';
import { ExitCode } from './exit-codes.ts';
import { isFinal, publicationLine, statusName } from './record-view.ts';

/**
 * Follows WatchRecord until every publication is final. `onUpdate` gets each record the node
 * sends and the lines of the publications that changed in it (all of them the first time).
 */
export async function followRecord(
  cli: CliContext,
  client: PublisherClient,
  recordId: string,
  onUpdate: (record: PublisherRecord, changed: readonly string[]) => void,
): Promise<PublisherRecord> {
  const shown = new Map<string, string>();
  let last: PublisherRecord | undefined;
  try {
    for await (const record of client.watch(recordId)) {
      last = record;
      const changed = record.publications.map(publicationLine).filter((line, index) => {
        const chain = record.publications[index]!.chain;
        if (shown.get(chain) === line) return false;
        shown.set(chain, line);
        return true;
      });
      onUpdate(record, changed);
    }
  } catch (error) {
    throw callError(error, `watching record ${recordId}`, cli.nodeUrl);
  }
  if (last === undefined || !isFinal(last)) {
    throw new CliError(ExitCode.unreachable, 'WATCH_ENDED', `the node ended the watch of record ${recordId} before every publication was final`, {
      hint: `follow it again: publisher watch ${recordId}`,
    });
  }
  return last;
}

/** Exit 4 when a publication of a final record FAILED, naming each with its error; called once the record is printed. */
export function failedPublications(record: PublisherRecord): CliError | undefined {
  const failed = record.publications.filter((p) => p.status === PublicationStatus.FAILED);
  if (failed.length === 0) return undefined;
  const which = failed.map((p) => `${p.chain} ${statusName(p.status)}${p.lastError ? ` (${p.lastError})` : ''}`).join('; ');
  return new CliError(ExitCode.publicationFailed, 'PUBLICATION_FAILED', `record ${record.recordId}: ${which}`, {
    hint: 'a FAILED publication is final: publish the record again in a new intent (publisher publish <record.json>)',
    resultPrinted: true,
  });
}
