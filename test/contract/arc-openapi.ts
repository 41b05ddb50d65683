import { readFileSync } from 'node:fs';
import requestValidatorModule from 'openapi-request-validator';
import responseValidatorModule from 'openapi-response-validator';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import type { Exchange } from './http-contract.ts';

// CommonJS modules whose class is their `default` export: Node hands over module.exports, vitest the class.
const classOf = <T>(module: { default: T }): T => (typeof module === 'function' ? (module as unknown as T) : module.default);
const OpenAPIRequestValidator = classOf(requestValidatorModule);
const OpenAPIResponseValidator = classOf(responseValidatorModule);

/** ARC's published OpenAPI document as kept (arc-openapi.yaml, see its NOTICE), unparsed. */
export const ARC_OPENAPI_TEXT = readFileSync(new URL('./arc-openapi.yaml', import.meta.url), 'utf8');

/**
 * Its one defect, corrected in memory (the test checks the copy still has it, so an upstream fix
 * shows): an allOf member of PolicyResponse has `additionalProperties: false` and only `policy`,
 * which refuses the `timestamp` its other member requires, so every answer of real ARC would fail it.
 */
export function arcOpenApi(): OpenAPIV3.Document {
  const doc = parse(ARC_OPENAPI_TEXT) as OpenAPIV3.Document;
  const schemas = doc.components!.schemas! as Record<string, OpenAPIV3.SchemaObject>;
  const policyBody = schemas['PolicyResponse']!.allOf![1] as OpenAPIV3.SchemaObject;
  delete policyBody.additionalProperties;
  return doc;
}

type Operation = OpenAPIV3.OperationObject;

/** The operation of the document an exchange belongs to, with its path parameters. */
export function operationOf(doc: OpenAPIV3.Document, method: string, rawPath: string): { template: string; operation: Operation; params: Record<string, string> } | undefined {
  const path = rawPath.split('?')[0] ?? '';
  for (const [template, item] of Object.entries(doc.paths)) {
    const names: string[] = [];
    const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(path);
    const operation = (item as Record<string, Operation | undefined>)[method.toLowerCase()];
    if (match && operation) return { template, operation, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
  }
  return undefined;
}

function resolve<T>(doc: OpenAPIV3.Document, item: T | OpenAPIV3.ReferenceObject): T {
  if (item && typeof item === 'object' && '$ref' in item) {
    const [, , kind, name] = item.$ref.split('/');
    return (doc.components as Record<string, Record<string, T>>)[kind!]![name!]!;
  }
  return item as T;
}

/**
 * The schemas without `examples` maps (Callback has one: OpenAPI 3.0 schemas have `example`; JSON
 * Schema's `examples` is an array, and the request validator checks its schemas against that).
 */
function withoutMapExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMapExamples);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !(key === 'examples' && !Array.isArray(v)))
      .map(([key, v]) => [key, withoutMapExamples(v)]),
  );
}

const FORMATS = { binary: () => true, uint64: () => true, int: () => true };

/** What the document says is wrong with the request of an exchange (none: it conforms). */
export function arcRequestProblems(doc: OpenAPIV3.Document, exchange: Exchange): string[] {
  const found = operationOf(doc, exchange.method, exchange.path);
  if (!found) return [`${exchange.method} ${exchange.path}: no such operation in ARC's API`];
  const { operation, params } = found;
  const parameters = (operation.parameters ?? []).map((p) => resolve<OpenAPIV3.ParameterObject>(doc, p));
  const requestBody = operation.requestBody === undefined ? undefined : resolve<OpenAPIV3.RequestBodyObject>(doc, operation.requestBody);
  const validator = new OpenAPIRequestValidator({
    parameters: [...parameters, ...Object.keys(params).filter((n) => !parameters.some((p) => p.name === n)).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }))] as OpenAPIV3.ParameterObject[],
    ...(requestBody ? { requestBody } : {}),
    componentSchemas: withoutMapExamples(doc.components!.schemas) as never,
    customFormats: FORMATS,
  });
  const contentType = exchange.requestHeaders['content-type'] ?? '';
  const body = exchange.requestBody.length === 0 ? undefined : contentType.startsWith('application/json') ? JSON.parse(exchange.requestBody.toString('utf8')) : exchange.requestBody.toString('latin1');
  const problems: string[] = [];
  if (!requestBody && exchange.requestBody.length > 0) problems.push('a body where the operation takes none');
  const result = validator.validateRequest({ headers: exchange.requestHeaders, params, query: {}, body }) as { errors?: Array<{ location?: string; path?: string; message: string }> } | undefined;
  for (const e of result?.errors ?? []) problems.push(`${e.location ?? ''} ${e.path ?? ''}: ${e.message}`.trim());
  return problems.map((p) => `${operation.operationId}: ${p}`);
}

/** What the document says is wrong with the response of an exchange: an undocumented status, or the body. */
export function arcResponseProblems(doc: OpenAPIV3.Document, exchange: Exchange): string[] {
  const found = operationOf(doc, exchange.method, exchange.path);
  if (!found) return [`${exchange.method} ${exchange.path}: no such operation in ARC's API`];
  const responses = Object.fromEntries(Object.entries(found.operation.responses).map(([status, r]) => [status, resolve<OpenAPIV3.ResponseObject>(doc, r)]));
  const name = found.operation.operationId;
  const documented = responses[String(exchange.status)];
  if (!documented) return [`${name}: status ${exchange.status} is not one ARC documents (${Object.keys(responses).join(', ')})`];
  const media = documented.content === undefined ? undefined : Object.keys(documented.content)[0];
  if (media === undefined) return [];
  const validator = new OpenAPIResponseValidator({ responses: { [String(exchange.status)]: documented as never }, components: doc.components as never, customFormats: FORMATS });
  let body: unknown;
  try {
    body = JSON.parse(exchange.responseBody.toString('utf8'));
  } catch {
    return [`${name} ${exchange.status}: not JSON: ${exchange.responseBody.toString('utf8').slice(0, 120)}`];
  }
  const result = validator.validateResponse(String(exchange.status), body) as { errors?: Array<{ path?: string; message: string }> } | undefined;
  return (result?.errors ?? []).map((e) => `${name} ${exchange.status}: ${e.path ?? ''} ${e.message}`);
}

/** What the document's callback schemas (Callback, BatchedCallbacks) say is wrong with a callback body. */
export function arcCallbackProblems(doc: OpenAPIV3.Document, body: unknown): string[] {
  const schema = { $ref: `#/components/schemas/${body !== null && typeof body === 'object' && 'count' in body ? 'BatchedCallbacks' : 'Callback'}` };
  const validator = new OpenAPIResponseValidator({ responses: { '200': { schema } as never }, components: doc.components as never, customFormats: FORMATS });
  const result = validator.validateResponse('200', body) as { errors?: Array<{ path?: string; message: string }> } | undefined;
  return (result?.errors ?? []).map((e) => `${schema.$ref}: ${e.path ?? ''} ${e.message}`);
}
