import type { DescService } from '@bufbuild/protobuf';
import type { ConnectRouter } from '@connectrpc/connect';
import { ServerReflection as ServerReflectionV1 } from '../../../proto/gen/grpc/reflection/v1/reflection_pb.ts';
import {
  ServerReflection as ServerReflectionV1alpha,
} from '../../../proto/gen/grpc/reflection/v1alpha/reflection_pb.ts';
import {
  answerReflectionRequest,
  type ReflectionAnswer,
  type ReflectionRequest,
} from './answer-reflection-request.ts';
import { createDescriptorIndex, type DescriptorIndex } from './descriptor-index.ts';

interface ReflectionResponse<R extends ReflectionRequest> {
  validHost: string;
  originalRequest: R;
  messageResponse: ReflectionAnswer;
}

/** One ServerReflectionInfo for both versions: `R` keeps each version's own request type in the echo. */
function serverReflectionInfo(index: DescriptorIndex) {
  return async function* answerEach<R extends ReflectionRequest>(
    requests: AsyncIterable<R>,
  ): AsyncGenerator<ReflectionResponse<R>> {
    for await (const request of requests) {
      const messageResponse = answerReflectionRequest(index, request);
      yield { validHost: request.host, originalRequest: request, messageResponse };
    }
  };
}

/**
 * gRPC server reflection, v1 and v1alpha (older clients only speak v1alpha), describing
 * `services` (the services served next to it) and the two reflection services themselves.
 */
export function reflectionRoutes(services: readonly DescService[]): (router: ConnectRouter) => void {
  const index = createDescriptorIndex([...services, ServerReflectionV1, ServerReflectionV1alpha]);
  const impl = { serverReflectionInfo: serverReflectionInfo(index) };
  return (router) => {
    router.service(ServerReflectionV1, impl);
    router.service(ServerReflectionV1alpha, impl);
  };
}
