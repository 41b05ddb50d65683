import type { DescFile } from '@bufbuild/protobuf';
import { Code } from '@connectrpc/connect';
import type { ServerReflectionRequest as V1Request } from '../../../proto/gen/grpc/reflection/v1/reflection_pb.ts';
import type {
  ServerReflectionRequest as V1alphaRequest,
} from '../../../proto/gen/grpc/reflection/v1alpha/reflection_pb.ts';
import type { DescriptorIndex } from './descriptor-index.ts';

export type ReflectionRequest = V1Request | V1alphaRequest;

/**
 * The `message_response` of a reflection answer, as plain data so that it fits the response of
 * both v1 and v1alpha, which share their wire shape but not their message type names.
 */
export type ReflectionAnswer =
  | { case: 'fileDescriptorResponse'; value: { fileDescriptorProto: Uint8Array[] } }
  | { case: 'allExtensionNumbersResponse'; value: { baseTypeName: string; extensionNumber: number[] } }
  | { case: 'listServicesResponse'; value: { service: { name: string }[] } }
  | { case: 'errorResponse'; value: { errorCode: number; errorMessage: string } };

const notFound = (what: string): ReflectionAnswer => ({
  case: 'errorResponse',
  value: { errorCode: Code.NotFound, errorMessage: `reflection: ${what} not found` },
});

const fileAnswer = (index: DescriptorIndex, file: DescFile): ReflectionAnswer => ({
  case: 'fileDescriptorResponse',
  value: { fileDescriptorProto: index.encodeWithDependencies(file) },
});

/**
 * One answer of grpc.reflection ServerReflectionInfo. Unknown names are an error_response, not a
 * failed stream, so that a client can go on asking on the same stream (as grpc-go does).
 */
export function answerReflectionRequest(index: DescriptorIndex, request: ReflectionRequest): ReflectionAnswer {
  const query = request.messageRequest;
  switch (query.case) {
    case 'listServices':
      return { case: 'listServicesResponse', value: { service: index.serviceNames.map((name) => ({ name })) } };
    case 'fileByFilename': {
      const file = index.fileByName(query.value);
      return file ? fileAnswer(index, file) : notFound(`file "${query.value}"`);
    }
    case 'fileContainingSymbol': {
      const file = index.fileContainingSymbol(query.value);
      return file ? fileAnswer(index, file) : notFound(`symbol "${query.value}"`);
    }
    case 'fileContainingExtension': {
      const { containingType, extensionNumber } = query.value;
      const extension = index.extension(containingType, extensionNumber);
      return extension
        ? fileAnswer(index, extension.file)
        : notFound(`extension ${extensionNumber} of "${containingType}"`);
    }
    case 'allExtensionNumbersOfType': {
      const numbers = index.extensionNumbers(query.value);
      return numbers
        ? { case: 'allExtensionNumbersResponse', value: { baseTypeName: query.value, extensionNumber: numbers } }
        : notFound(`message type "${query.value}"`);
    }
    case undefined:
      return {
        case: 'errorResponse',
        value: { errorCode: Code.InvalidArgument, errorMessage: 'reflection: request names no query' },
      };
  }
}
