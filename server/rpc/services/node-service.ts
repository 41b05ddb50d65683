import { create } from '@bufbuild/protobuf';
import type { ConnectRouter } from '@connectrpc/connect';
import { GetInfoResponseSchema, NodeService, type GetInfoResponse } from '../../../proto/gen/publisher/v1/node_pb.ts';

/** NodeService: what this node publishes to, who operates it, what it accepts. */
export function nodeServiceRoutes(info: () => GetInfoResponse) {
  return (router: ConnectRouter) =>
    router.service(NodeService, {
      getInfo: () => create(GetInfoResponseSchema, info()),
    });
}
