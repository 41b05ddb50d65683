import { createFileRegistry, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { grpcJsClient, grpcJsMethod } from './grpc-js-client.ts';
import { startRpcServer, type RpcTestServer } from './start-rpc-server.ts';

/** A ServerReflectionResponse as proto-loader decodes it (keepCase, oneofs, defaults). */
interface ReflectionResponse {
  message_response: string;
  file_descriptor_response: { file_descriptor_proto: Uint8Array[] } | null;
  all_extension_numbers_response: { base_type_name: string; extension_number: number[] } | null;
  list_services_response: { service: { name: string }[] } | null;
  error_response: { error_code: number; error_message: string } | null;
}

let server: RpcTestServer;

beforeAll(async () => {
  server = await startRpcServer();
});

afterAll(async () => {
  await server.close();
});

describe.each(['v1', 'v1alpha'])('grpc.reflection.%s.ServerReflection, called by grpc-js', (version) => {
  let client: grpc.Client;
  let call: grpc.ClientDuplexStream<object, object>;
  let responses: AsyncIterator<unknown>;

  beforeAll(async () => {
    const loaded = await grpcJsClient(
      server.baseUrl,
      `grpc/reflection/${version}/reflection.proto`,
      `grpc.reflection.${version}.ServerReflection`,
    );
    client = loaded.client;
    const method = grpcJsMethod(loaded.methods, 'ServerReflectionInfo');
    call = client.makeBidiStreamRequest(method.path, method.requestSerialize, method.responseDeserialize);
    responses = call[Symbol.asyncIterator]();
  });

  afterAll(() => {
    call.end();
    client.close();
  });

  /** All questions go over one stream, as reflection clients do. */
  async function ask(request: object): Promise<ReflectionResponse> {
    call.write({ host: '', ...request });
    const { value, done } = await responses.next();
    if (done) throw new Error('reflection stream ended');
    return value as ReflectionResponse;
  }

  function fileNames(response: ReflectionResponse): string[] {
    return (response.file_descriptor_response?.file_descriptor_proto ?? []).map(
      (bytes) => fromBinary(FileDescriptorProtoSchema, bytes).name,
    );
  }

  test('list_services names every served service, health and both reflection versions included', async () => {
    const response = await ask({ list_services: '' });
    expect(response.list_services_response?.service.map((s) => s.name)).toEqual([
      'publisher.v1.NodeService',
      'publisher.v1.PublishService',
      'grpc.health.v1.Health',
      'grpc.reflection.v1.ServerReflection',
      'grpc.reflection.v1alpha.ServerReflection',
    ]);
  });

  test('file_by_filename returns the file first, then every file it imports, transitively', async () => {
    const response = await ask({ file_by_filename: 'publisher/v1/publish.proto' });
    expect(fileNames(response)).toEqual([
      'publisher/v1/publish.proto',
      'google/protobuf/timestamp.proto',
      'publisher/v1/common.proto',
    ]);
  });

  test('the returned descriptors resolve on their own, well-known types included', async () => {
    const response = await ask({ file_by_filename: 'publisher/v1/publish.proto' });
    const files = (response.file_descriptor_response?.file_descriptor_proto ?? []).map((bytes) =>
      fromBinary(FileDescriptorProtoSchema, bytes),
    );
    const [requested] = files;
    if (requested === undefined) throw new Error('no file in the answer');
    // Resolved by name, as reflection clients do: the answer lists the requested file first.
    const registry = createFileRegistry(requested, (name) => files.find((file) => file.name === name));
    const signedAt = registry.getMessage('publisher.v1.Record')?.fields.find((f) => f.name === 'signed_at');
    expect(signedAt?.message?.typeName).toBe('google.protobuf.Timestamp');
    expect(registry.getService('publisher.v1.PublishService')?.methods.map((m) => m.name)).toContain('WatchRecord');
  });

  test.each([
    ['a service', 'publisher.v1.NodeService', 'publisher/v1/node.proto'],
    ['a method', 'publisher.v1.NodeService.GetInfo', 'publisher/v1/node.proto'],
    ['a message', 'publisher.v1.ChainInfo', 'publisher/v1/node.proto'],
    ['an enum', 'publisher.v1.FundingModel', 'publisher/v1/node.proto'],
    ['a nested enum', 'grpc.health.v1.HealthCheckResponse.ServingStatus', 'grpc/health/v1/health.proto'],
    ['a well-known type', 'google.protobuf.Timestamp', 'google/protobuf/timestamp.proto'],
    [
      'the reflection service',
      `grpc.reflection.${version}.ServerReflection`,
      `grpc/reflection/${version}/reflection.proto`,
    ],
  ])('file_containing_symbol finds %s', async (_, symbol, file) => {
    const response = await ask({ file_containing_symbol: symbol });
    expect(fileNames(response)[0]).toBe(file);
  });

  test('file_containing_symbol of an unknown symbol answers error_response NOT_FOUND (5)', async () => {
    const response = await ask({ file_containing_symbol: 'publisher.v1.NoSuchThing' });
    expect(response.message_response).toBe('error_response');
    expect(response.error_response?.error_code).toBe(5);
  });

  test('file_by_filename of an unknown file answers error_response NOT_FOUND (5)', async () => {
    const response = await ask({ file_by_filename: 'publisher/v1/nope.proto' });
    expect(response.error_response?.error_code).toBe(5);
  });

  test('file_containing_extension answers NOT_FOUND when no such extension is known', async () => {
    const response = await ask({
      file_containing_extension: { containing_type: 'publisher.v1.GetInfoRequest', extension_number: 100 },
    });
    expect(response.error_response?.error_code).toBe(5);
  });

  test('all_extension_numbers_of_type lists none for a known message and NOT_FOUND for an unknown one', async () => {
    const known = await ask({ all_extension_numbers_of_type: 'publisher.v1.GetInfoRequest' });
    expect(known.all_extension_numbers_response).toMatchObject({
      base_type_name: 'publisher.v1.GetInfoRequest',
      extension_number: [],
    });
    const unknown = await ask({ all_extension_numbers_of_type: 'publisher.v1.NoSuchMessage' });
    expect(unknown.error_response?.error_code).toBe(5);
  });

  test('a request naming no query answers error_response INVALID_ARGUMENT (3)', async () => {
    const response = await ask({});
    expect(response.error_response?.error_code).toBe(3);
  });
});
