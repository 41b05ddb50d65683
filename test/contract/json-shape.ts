/**
 * A small subset of JSON Schema, enough for the API contracts kept as fixtures here: `type`,
 * `const`, `enum`, `pattern`, `minimum`, `properties`, `required`, `additionalProperties`
 * (boolean), `items`, `anyOf`, `not`, `$ref` (a name in the fixture's `definitions`), and
 * `keyOrder`: the listed keys that are present appear in that order (Erlang's JSON decoding of
 * Arweave tags depends on it).
 */
export interface Shape {
  $comment?: string;
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  properties?: Record<string, Shape>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Shape;
  anyOf?: Shape[];
  not?: Shape;
  keyOrder?: string[];
}

/** Every way `value` departs from `shape`, each naming where (`$.tags[0].name`); empty when it fits. */
export function shapeProblems(value: unknown, shape: Shape, definitions: Record<string, Shape> = {}, at = '$'): string[] {
  if (shape.$ref !== undefined) {
    const target = definitions[shape.$ref];
    if (!target) return [`${at}: the contract has no definition "${shape.$ref}"`];
    return shapeProblems(value, target, definitions, at);
  }
  const problems: string[] = [];
  const say = (problem: string) => problems.push(`${at}: ${problem}`);
  if (shape.type !== undefined && typeOf(value) !== shape.type && !(shape.type === 'number' && typeOf(value) === 'integer')) {
    return [`${at}: expected ${shape.type}, got ${typeOf(value)} ${preview(value)}`];
  }
  if ('const' in shape && !same(value, shape.const)) say(`expected ${preview(shape.const)}, got ${preview(value)}`);
  if (shape.enum && !shape.enum.some((option) => same(value, option))) say(`expected one of ${preview(shape.enum)}, got ${preview(value)}`);
  if (shape.pattern !== undefined && (typeof value !== 'string' || !new RegExp(shape.pattern).test(value))) say(`${preview(value)} does not match ${shape.pattern}`);
  if (shape.minimum !== undefined && (typeof value !== 'number' || value < shape.minimum)) say(`${preview(value)} is below ${shape.minimum}`);
  if (shape.anyOf && !shape.anyOf.some((option) => shapeProblems(value, option, definitions, at).length === 0)) say(`${preview(value)} fits none of the allowed shapes`);
  if (shape.not && shapeProblems(value, shape.not, definitions, at).length === 0) say(`${preview(value)} is not allowed here`);
  if (typeOf(value) === 'object') problems.push(...objectProblems(value as Record<string, unknown>, shape, definitions, at));
  if (Array.isArray(value) && shape.items) value.forEach((item, i) => problems.push(...shapeProblems(item, shape.items!, definitions, `${at}[${i}]`)));
  return problems;
}

function objectProblems(value: Record<string, unknown>, shape: Shape, definitions: Record<string, Shape>, at: string): string[] {
  const problems: string[] = [];
  const keys = Object.keys(value);
  for (const key of shape.required ?? []) if (!(key in value)) problems.push(`${at}: missing "${key}"`);
  for (const key of keys) {
    const property = shape.properties?.[key];
    if (property) problems.push(...shapeProblems(value[key], property, definitions, `${at}.${key}`));
    else if (shape.additionalProperties === false) problems.push(`${at}: unexpected "${key}"`);
  }
  if (shape.keyOrder) {
    const listed = keys.filter((key) => shape.keyOrder!.includes(key));
    const expected = shape.keyOrder.filter((key) => key in value);
    if (listed.join() !== expected.join()) problems.push(`${at}: keys in the order ${listed.join(', ')}, expected ${expected.join(', ')}`);
  }
  return problems;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
