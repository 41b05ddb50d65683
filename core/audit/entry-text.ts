import { canonicalJson, type JsonObject } from '../canonical/index.ts';
import type { EntryFields } from './audit-event.ts';

/**
 * An entry's text: JCS({index, at, kind, actor, subject, data}), `at` as ISO 8601 UTC with
 * milliseconds. The general form, for data read back from storage: the data is parsed and
 * canonicalised again.
 */
export function entryText(fields: EntryFields): string {
  return canonicalJson({
    index: fields.index,
    at: fields.at.toISOString(),
    kind: fields.kind,
    actor: fields.actor,
    subject: fields.subject,
    data: JSON.parse(fields.dataJson) as JsonObject,
  });
}

/**
 * The same text for an entry being appended, whose `dataJson` this process has just produced with
 * `canonicalJson` (canonical by construction): assembled directly, keys in RFC 8785 order (actor,
 * at, data, index, kind, subject), strings escaped by `JSON.stringify` exactly as the
 * `canonicalize` library escapes them, since it runs while the log's head is locked
 * (test/unit/fast-canonical-forms.test.ts checks that both forms agree).
 */
export function entryTextOfCanonical(fields: EntryFields): string {
  if (!Number.isSafeInteger(fields.index) || fields.index < 0) throw new TypeError(`entryTextOfCanonical: index must be a non-negative safe integer, got ${fields.index}`);
  // canonicalize refuses lone surrogates; so does this, to agree with it on every input.
  if (!fields.actor.isWellFormed() || !fields.kind.isWellFormed() || !fields.subject.isWellFormed()) throw new TypeError('entryTextOfCanonical: lone surrogate in an entry field');
  return (
    `{"actor":${JSON.stringify(fields.actor)},"at":${JSON.stringify(fields.at.toISOString())},"data":${fields.dataJson},` +
    `"index":${fields.index},"kind":${JSON.stringify(fields.kind)},"subject":${JSON.stringify(fields.subject)}}`
  );
}
