import { shapeProblems, type Shape } from './json-shape.ts';

/** A body as the contract describes it: text (the shape applies to the string), JSON, any bytes, or anything. */
export type BodySpec = { kind: 'text'; schema: Shape } | { kind: 'json'; schema: Shape; maxBytes?: number } | { kind: 'bytes' } | { kind: 'any' };

export interface Endpoint {
  name: string;
  method: string;
  /** A regular expression over the path (query left out). */
  path: string;
  source: string;
  request?: { headers?: Shape; body?: BodySpec };
  /** By status; a status not listed is a drift. */
  responses: Record<string, BodySpec>;
}

export interface HttpContract {
  definitions: Record<string, Shape>;
  endpoints: Endpoint[];
}

export interface Exchange {
  method: string;
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: Buffer;
  status: number;
  responseBody: Buffer;
}

/** The endpoint an exchange belongs to, if the contract has it. */
export function endpointOf(contract: HttpContract, exchange: Pick<Exchange, 'method' | 'path'>): Endpoint | undefined {
  const path = exchange.path.split('?')[0] ?? '';
  return contract.endpoints.find((e) => e.method === exchange.method && new RegExp(e.path).test(path));
}

/** What is wrong with the request of an exchange: the endpoint, its headers, its body. */
/** What the exchanges exercised: `<endpoint name> <status>` each (method and path when no endpoint matches). */
export function exercised(contract: HttpContract, exchanges: readonly Exchange[]): Set<string> {
  return new Set(exchanges.map((e) => `${endpointOf(contract, e)?.name ?? `${e.method} ${e.path}`} ${e.status}`));
}

export function requestProblems(contract: HttpContract, exchange: Exchange): string[] {
  const endpoint = endpointOf(contract, exchange);
  if (!endpoint) return [`${exchange.method} ${exchange.path}: not an endpoint of the contract`];
  const problems = shapeProblems(exchange.requestHeaders, { type: 'object', ...endpoint.request?.headers }, contract.definitions, 'headers');
  const body = endpoint.request?.body;
  if (body) problems.push(...bodyProblems(body, exchange.requestBody, contract.definitions, 'request'));
  else if (exchange.requestBody.length > 0) problems.push(`request: a body where the contract has none`);
  return problems.map((problem) => `${endpoint.name} request: ${problem}`);
}

/** What is wrong with the response of an exchange: a status the contract does not list, or its body. */
export function responseProblems(contract: HttpContract, exchange: Exchange): string[] {
  const endpoint = endpointOf(contract, exchange);
  if (!endpoint) return [`${exchange.method} ${exchange.path}: not an endpoint of the contract`];
  const spec = endpoint.responses[String(exchange.status)];
  if (!spec) return [`${endpoint.name}: status ${exchange.status} is not one the contract lists (${Object.keys(endpoint.responses).join(', ')}): ${preview(exchange.responseBody)}`];
  return bodyProblems(spec, exchange.responseBody, contract.definitions, 'response').map((problem) => `${endpoint.name} ${exchange.status}: ${problem}`);
}

function bodyProblems(spec: BodySpec, body: Buffer, definitions: Record<string, Shape>, at: string): string[] {
  if (spec.kind === 'any' || spec.kind === 'bytes') return [];
  const text = body.toString('utf8');
  if (spec.kind === 'text') return shapeProblems(text, spec.schema, definitions, at);
  if (spec.maxBytes !== undefined && body.length > spec.maxBytes) return [`${at}: ${body.length} bytes, over ${spec.maxBytes}`];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [`${at}: not JSON: ${preview(body)}`];
  }
  return shapeProblems(value, spec.schema, definitions, at);
}

function preview(body: Buffer): string {
  const text = body.toString('utf8');
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}
