import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const protoRoot = fileURLToPath(new URL('../../proto', import.meta.url));

export type GrpcJsMethod = grpc.MethodDefinition<object, object>;

/**
 * A grpc-js client and the methods of `service`, loaded from the .proto file with proto-loader:
 * a client that shares no code with the server, so the tests check the wire, not our types.
 */
export async function grpcJsClient(
  baseUrl: string,
  protoFile: string,
  service: string,
): Promise<{ client: grpc.Client; methods: Record<string, GrpcJsMethod> }> {
  const definition = await protoLoader.load(path.join(protoRoot, protoFile), {
    includeDirs: [protoRoot],
    keepCase: true,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const serviceDefinition = definition[service];
  if (serviceDefinition === undefined || 'format' in serviceDefinition) {
    throw new Error(`${protoFile} defines no service ${service}`);
  }
  const client = new grpc.Client(new URL(baseUrl).host, grpc.credentials.createInsecure());
  return { client, methods: serviceDefinition };
}

export function grpcJsMethod(methods: Record<string, GrpcJsMethod>, name: string): GrpcJsMethod {
  const method = methods[name];
  if (method === undefined) throw new Error(`no method ${name}`);
  return method;
}

export function unaryCall(client: grpc.Client, method: GrpcJsMethod, request: object): Promise<object> {
  return new Promise((resolve, reject) => {
    const { path: methodPath, requestSerialize, responseDeserialize } = method;
    client.makeUnaryRequest(methodPath, requestSerialize, responseDeserialize, request, (error, response) =>
      error || response === undefined ? reject(error ?? new Error('no response')) : resolve(response),
    );
  });
}
