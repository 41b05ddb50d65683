import * as grpc from '@grpc/grpc-js';
// Not part of grpc-js's public API; the version is pinned exactly (package.json), and
// test/rpc/native-grpc-faults.test.ts fails if this class or these texts change.
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors.js';

/** grpc-js's own answers to a client's malformed request, by the start of their details. */
const CLIENT_FAULTS = ['Failed to decompress message', 'Invalid grpc-timeout value'];

/** What grpc-js passes to sendStatus (its PartialStatusObject, not exported from the package root). */
interface Status {
  code: grpc.status;
  details: string;
  metadata?: grpc.Metadata | null;
}

let installed = false;

/**
 * grpc-js answers two malformed requests with INTERNAL before any handler or interceptor of ours
 * runs: a compressed message that does not inflate, and a `grpc-timeout` header it cannot parse.
 * api.md promises that no input yields INTERNAL, so on the native port those statuses become
 * INVALID_ARGUMENT, with their details kept. Nothing else is changed.
 */
export function relabelClientFaults(): void {
  if (installed) return;
  installed = true;
  const proto = BaseServerInterceptingCall.prototype as { sendStatus(status: Status): void };
  const sendStatus = proto.sendStatus;
  proto.sendStatus = function (this: unknown, status: Status) {
    const fault = status.code === grpc.status.INTERNAL && CLIENT_FAULTS.some((text) => status.details?.startsWith(text));
    sendStatus.call(this, fault ? { ...status, code: grpc.status.INVALID_ARGUMENT } : status);
  };
}
