import { create, ScalarType, type DescEnum, type DescField, type DescMessage, type DescOneof, type Message } from '@bufbuild/protobuf';
import fc from 'fast-check';

/**
 * fast-check arbitraries for any protobuf message, derived from its descriptor: every field,
 * nested messages, repeated fields, maps and oneofs, with plausible and hostile values (NUL, lone
 * surrogates, text around the node's limits, 32- and 64-bit extremes, enum numbers no enum
 * names). Half the messages have exactly one hostile field among plausible ones, so that they get
 * past a method's first checks to its deeper paths and SQL; the other half mix them freely.
 * `words` are the plausible strings by protobuf field name (scheme names, real keys, record ids,
 * page tokens); a string field without words gets plain text.
 */
export interface MessageArbitraryOptions {
  words: Readonly<Record<string, readonly string[]>>;
  /** How deep nested messages go; deeper ones are left unset. */
  maxDepth?: number;
}

/** Which leaf (scalar, enum, list or map field, numbered depth first) is hostile; -1: any, each with odds of one in four. */
interface Plan {
  next: number;
  spoil: number;
}

export function messageArbitrary(desc: DescMessage, options: MessageArbitraryOptions): fc.Arbitrary<Message> {
  const mixed: Plan = { next: 0, spoil: -1 };
  const free = messageOf(desc, options, 0, mixed);
  const targeted = Array.from({ length: mixed.next }, (_, spoil) => ({ weight: 1, arbitrary: messageOf(desc, options, 0, { next: 0, spoil }) }));
  return fc.oneof({ weight: Math.max(1, targeted.length), arbitrary: free }, ...targeted);
}

function messageOf(desc: DescMessage, options: MessageArbitraryOptions, depth: number, plan: Plan): fc.Arbitrary<Message> {
  const members: Record<string, fc.Arbitrary<unknown>> = {};
  for (const member of desc.members) {
    const value = member.kind === 'oneof' ? oneofOf(member, options, depth, plan) : fieldOf(member, options, depth, plan);
    members[member.localName] = plan.spoil < 0 ? fc.option(value, { nil: undefined, freq: 10 }) : value;
  }
  return fc.record(members).map((init) => create(desc, Object.fromEntries(Object.entries(init).filter(([, value]) => value !== undefined)) as never));
}

function oneofOf(oneof: DescOneof, options: MessageArbitraryOptions, depth: number, plan: Plan): fc.Arbitrary<unknown> {
  return fc.oneof(...oneof.fields.map((field) => fieldOf(field, options, depth, plan).map((value) => ({ case: field.localName, value }))));
}

function fieldOf(field: DescField, options: MessageArbitraryOptions, depth: number, plan: Plan): fc.Arbitrary<unknown> {
  if (field.fieldKind === 'message') return depth >= (options.maxDepth ?? 3) ? fc.constant(undefined) : messageOf(field.message, options, depth + 1, plan);
  const leaf = plan.next++;
  const pick = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) =>
    plan.spoil < 0 ? fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad }) : leaf === plan.spoil ? bad : good;
  switch (field.fieldKind) {
    case 'list': {
      const [good, bad] = element(field, options, depth);
      return pick(fc.array(good, { maxLength: 6 }), fc.array(fc.oneof(good, bad), { minLength: 1, maxLength: 6 }));
    }
    case 'map': {
      const [goodKey, badKey] = scalarOf(field.mapKey, field.name, options);
      const [good, bad] = element(field, options, depth);
      const entries = (key: fc.Arbitrary<unknown>, value: fc.Arbitrary<unknown>) => fc.dictionary(key.map(String), value, { maxKeys: 4 });
      return pick(entries(goodKey, good), entries(fc.oneof(goodKey, badKey), fc.oneof(good, bad)));
    }
    default: {
      const [good, bad] = element(field, options, depth);
      return pick(good, bad);
    }
  }
}

type Element = { name: string; scalar?: ScalarType | undefined; enum?: DescEnum | undefined; message?: DescMessage | undefined };

/** Plausible and hostile values of one element; a message element is always a free one. */
function element(field: Element, options: MessageArbitraryOptions, depth: number): [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>] {
  if (field.message) {
    const nested = depth >= (options.maxDepth ?? 3) ? fc.constant(undefined) : messageOf(field.message, options, depth + 1, { next: 0, spoil: -1 });
    return [nested, nested];
  }
  if (field.enum) return [fc.constantFrom(...field.enum.values.map((v) => v.number)), hostileInt32];
  return scalarOf(field.scalar ?? ScalarType.STRING, field.name, options);
}

function scalarOf(type: ScalarType, name: string, options: MessageArbitraryOptions): [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>] {
  return type === ScalarType.STRING ? strings(options.words[name]) : scalars(type);
}

const HOSTILE_CHAR = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff') },
  { weight: 2, arbitrary: fc.constantFrom('\uffff', '\u00e9', '|', '%', '"', '\\', '\n', '=', ' ') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Plausible text (a word of the field, or plain text), and hostile text (the words spoilt, or none of them). */
function strings(words: readonly string[] | undefined): [fc.Arbitrary<string>, fc.Arbitrary<string>] {
  const good = words?.length ? fc.constantFrom(...words) : fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
  const spoilt = fc.tuple(good, fc.nat(), HOSTILE_CHAR).map(([w, at, c]) => w.slice(0, at % (w.length + 1)) + c + w.slice(at % (w.length + 1)));
  const cut = fc.tuple(good, fc.nat()).map(([w, at]) => w.slice(0, at % (w.length + 1)));
  // Around the node's text limits; bodies stay under the smallest request limit (64 KiB), which
  // test/server/request-limits.test.ts covers.
  const long = fc.tuple(fc.constantFrom(128, 129, 200, 201, 500, 501, 2_000), fc.constantFrom('m', '\u00e9', '\ud800')).map(([n, c]) => c.repeat(n));
  const bad = fc.oneof(fc.constant(''), fc.string({ unit: HOSTILE_CHAR, minLength: 1, maxLength: 40 }), spoilt, cut, long, fc.string({ unit: 'binary', maxLength: 40 }));
  return [good, bad];
}

const hostileInt32 = fc.oneof(fc.constantFrom(-(2 ** 31), -1, 2 ** 31 - 1), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
const hostileUint32 = fc.oneof(fc.constantFrom(2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
const hostileInt64 = fc.oneof(fc.constantFrom(-(2n ** 63n), -1n, 2n ** 53n, 2n ** 63n - 1n), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
const hostileUint64 = fc.oneof(fc.constantFrom(2n ** 31n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
const small = fc.integer({ min: 0, max: 1000 });

function scalars(type: ScalarType): [fc.Arbitrary<unknown>, fc.Arbitrary<unknown>] {
  switch (type) {
    case ScalarType.BYTES:
      return [fc.uint8Array({ maxLength: 32 }), fc.uint8Array({ minLength: 33, maxLength: 2_000 })];
    case ScalarType.BOOL:
      return [fc.boolean(), fc.boolean()];
    case ScalarType.INT32:
    case ScalarType.SINT32:
    case ScalarType.SFIXED32:
      return [small, hostileInt32];
    case ScalarType.INT64:
    case ScalarType.SINT64:
    case ScalarType.SFIXED64:
      return [small.map(BigInt), hostileInt64];
    case ScalarType.UINT64:
    case ScalarType.FIXED64:
      return [small.map(BigInt), hostileUint64];
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE:
      return [small, fc.double()];
    default:
      return [small, hostileUint32];
  }
}
