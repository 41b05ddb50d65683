import { base64urlOf, describeRefusals, edit, withoutMember, type RefusalCase } from './support/refusal-cases.ts';
import { signedWith } from './support/signed-envelope.ts';

const cases: RefusalCase[] = [
  // Envelope schema.
  { rule: 'an envelope that is not an object', text: '[]', reason: 'MALFORMED_INTENT', message: /must be a JSON object/, field: 'envelope' },
  { rule: 'an unknown top-level member', text: signedWith({ extra: true }), reason: 'MALFORMED_INTENT', message: /unknown member "extra"/, field: 'extra' },
  { rule: 'a "__proto__" member', text: edit('{"protocol"', '{"__proto__":{},"protocol"'), reason: 'MALFORMED_INTENT', message: /unknown member "__proto__"/, field: '__proto__' },
  ...['protocol', 'version', 'record', 'targets', 'nonce', 'timestamp', 'signer', 'signature'].map(
    (name): RefusalCase => ({ rule: `a missing ${name}`, text: withoutMember(name), reason: 'MALFORMED_INTENT', message: new RegExp(`missing member ${name}`), field: name }),
  ),
  { rule: 'another protocol', text: signedWith({ protocol: 'chain-publisher-2' }), reason: 'MALFORMED_INTENT', message: /protocol must be "chain-publisher"/, field: 'protocol' },
  { rule: 'version 2', text: signedWith({ version: 2 }), reason: 'MALFORMED_INTENT', message: /version must be 1/, field: 'version' },
  { rule: 'version as a string', text: signedWith({ version: '1' }), reason: 'MALFORMED_INTENT', message: /version must be 1/, field: 'version' },
  { rule: 'a record that is an array', text: signedWith({ record: [] }), reason: 'MALFORMED_INTENT', message: /record must be a JSON object/, field: 'record' },
  { rule: 'a null record', text: signedWith({ record: null }), reason: 'MALFORMED_INTENT', message: /record must be a JSON object/, field: 'record' },
  { rule: 'no targets', text: signedWith({ targets: [] }), reason: 'MALFORMED_INTENT', message: /targets must be an array of 1 to 16/, field: 'targets' },
  { rule: 'targets as a string', text: signedWith({ targets: 'bsv' }), reason: 'MALFORMED_INTENT', message: /targets must be an array/, field: 'targets' },
  { rule: '17 targets', text: signedWith({ targets: Array.from({ length: 17 }, (_, i) => `c${i}`) }), reason: 'MALFORMED_INTENT', message: /1 to 16/, field: 'targets' },
  { rule: 'a repeated target', text: signedWith({ targets: ['bsv', 'arweave', 'bsv'] }), reason: 'MALFORMED_INTENT', message: /"bsv" twice/, field: 'targets[2]' },
  { rule: 'an uppercase target', text: signedWith({ targets: ['BSV'] }), reason: 'MALFORMED_INTENT', message: /targets\[0\] must be a chain name/, field: 'targets[0]' },
  { rule: 'a 33-character target', text: signedWith({ targets: [`a${'b'.repeat(32)}`] }), reason: 'MALFORMED_INTENT', message: /chain name/, field: 'targets[0]' },
  { rule: 'an empty target', text: signedWith({ targets: ['bsv', ''] }), reason: 'MALFORMED_INTENT', message: /targets\[1\]/, field: 'targets[1]' },
  { rule: 'a target starting with a digit', text: signedWith({ targets: ['1sv'] }), reason: 'MALFORMED_INTENT', message: /chain name/, field: 'targets[0]' },
  { rule: 'a non-string target', text: signedWith({ targets: [1] }), reason: 'MALFORMED_INTENT', message: /chain name/, field: 'targets[0]' },
  { rule: 'a nonce of 15 bytes', text: signedWith({ nonce: base64urlOf(15) }), reason: 'MALFORMED_INTENT', message: /16 to 64 bytes, not 15/, field: 'nonce' },
  { rule: 'a nonce of 65 bytes', text: signedWith({ nonce: base64urlOf(65) }), reason: 'MALFORMED_INTENT', message: /16 to 64 bytes, not 65/, field: 'nonce' },
  { rule: 'a padded nonce', text: signedWith({ nonce: `${base64urlOf(16)}==` }), reason: 'MALFORMED_INTENT', message: /nonce must be base64url/, field: 'nonce' },
  { rule: 'a standard-base64 nonce', text: signedWith({ nonce: Buffer.alloc(18, 0xfb).toString('base64') }), reason: 'MALFORMED_INTENT', message: /nonce must be base64url/, field: 'nonce' },
  { rule: 'a nonce with non-zero unused bits', text: signedWith({ nonce: `${base64urlOf(16).slice(0, -1)}B` }), reason: 'MALFORMED_INTENT', message: /nonce must be base64url/, field: 'nonce' },
  { rule: 'a numeric nonce', text: signedWith({ nonce: 7 }), reason: 'MALFORMED_INTENT', message: /nonce must be a string/, field: 'nonce' },
  ...[
    ['no zone', '2026-11-21T23:00:00'],
    ['a numeric offset', '2026-11-21T23:00:00+00:00'],
    ['a lowercase t and z', '2026-11-21t23:00:00z'],
    ['February 30', '2026-02-30T00:00:00Z'],
    ['February 29 of a common year', '2027-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['day 0', '2026-11-00T00:00:00Z'],
    ['hour 24', '2026-11-21T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['ten fraction digits', '2026-11-21T23:00:00.1234567890Z'],
    ['an empty fraction', '2026-11-21T23:00:00.Z'],
    ['no seconds', '2026-11-21T23:00Z'],
    ['a date alone', '2026-11-21'],
    ['epoch milliseconds', 1795302000000],
  ].map(([problem, timestamp]): RefusalCase => ({
    rule: `a timestamp with ${problem}`, text: signedWith({ timestamp: timestamp ?? null }), reason: 'MALFORMED_INTENT', message: /timestamp must be/, field: 'timestamp',
  })),
];

describeRefusals('intent refusals: envelope members', cases);
