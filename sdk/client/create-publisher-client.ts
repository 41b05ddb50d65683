import { Code, createClient, type CallOptions, type Interceptor, type Transport } from '@connectrpc/connect';
import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';
import { NodeService, type GetInfoResponse } from '../../proto/gen/publisher/v1/node_pb.ts';
import {
  PublishService,
  type ListRecordsResponse,
  type PublishResponse,
  type Record as RecordMessage,
} from '../../proto/gen/publisher/v1/publish_pb.ts';
import { PublisherSdkError } from '../errors/sdk-error.ts';
import type { ProofBundle } from '../verify/proof-bundle.ts';
import { parseJsonResponse } from './parse-json-response.ts';
import type { PublishBatchItem, PublishResult } from './publish-result.ts';
import { codeName, toSdkError } from './to-sdk-error.ts';

export interface PublisherClientOptions {
  /** The node's URL, e.g. "https://publisher.example" or "http://127.0.0.1:8080". */
  readonly baseUrl: string;
  /**
   * Connect protocol (default) or gRPC-Web, both from browsers and Node; or a connect Transport of
   * your own, e.g. gRPC over HTTP/2 in Node: `createGrpcTransport({ baseUrl })` of
   * @connectrpc/connect-node (then `fetch` and `interceptors` here are not used: give them to it).
   */
  readonly transport?: 'connect' | 'grpc-web' | Transport;
  /** A fetch to use instead of the global one (tests, proxies, custom agents). */
  readonly fetch?: typeof globalThis.fetch;
  /** Connect interceptors, e.g. one adding headers to every call. */
  readonly interceptors?: readonly Interceptor[];
}

export interface ProofResult {
  readonly proof: ProofBundle;
  /** The proof exactly as the node sent it. */
  readonly proofJson: string;
  /** True when every target chain has a confirmed anchor in the proof. */
  readonly complete: boolean;
}

export interface PublisherClient {
  /** Submits one signed intent (signIntent's output). */
  publish(intentJson: string, options?: CallOptions): Promise<PublishResult>;
  /** Many intents in one call; one result per intent, in order. Refusals do not fail the call. */
  publishBatch(intentJsons: readonly string[], options?: CallOptions): Promise<PublishBatchItem[]>;
  getRecord(recordId: string, options?: CallOptions): Promise<RecordMessage>;
  /** Records of one creator address, newest first. */
  listRecords(creator: string, page?: { readonly pageSize?: number; readonly pageToken?: string }, options?: CallOptions): Promise<ListRecordsResponse>;
  /** The record each time it changes, until every publication is final; abort with options.signal. */
  watch(recordId: string, options?: CallOptions): AsyncIterable<RecordMessage>;
  /** The proof bundle (wire-format.md §5); check it with verifyProof. */
  getProof(recordId: string, options?: CallOptions): Promise<ProofResult>;
  getInfo(options?: CallOptions): Promise<GetInfoResponse>;
}

/**
 * A client for a publisher node over the browser transports of connect-web (fetch-based, so it
 * also runs in Node). Every failure is a PublisherSdkError carrying the node's reason.
 */
export function createPublisherClient(options: PublisherClientOptions): PublisherClient {
  const transport = createTransport(options);
  const publisher = createClient(PublishService, transport);
  const node = createClient(NodeService, transport);

  return {
    publish: (intentJson, callOptions) => call(async () => publishResult(await publisher.publish({ intentJson }, callOptions))),

    publishBatch: (intentJsons, callOptions) =>
      call(async () => {
        const { results } = await publisher.publishBatch({ intentJsons: [...intentJsons] }, callOptions);
        return results.map((item): PublishBatchItem => {
          if (item.result.case === 'accepted') return { ok: true, value: publishResult(item.result.value) };
          const refusal = item.result.value;
          const code = codeName((refusal?.code ?? Code.Unknown) as Code);
          return {
            ok: false,
            error: new PublisherSdkError(refusal?.reason || code.toUpperCase(), refusal?.message ?? 'the node gave no result for this intent', { code }),
          };
        });
      }),

    getRecord: (recordId, callOptions) =>
      call(async () => {
        const { record } = await publisher.getRecord({ recordId }, callOptions);
        if (record === undefined) throw new PublisherSdkError('MALFORMED_RESPONSE', 'the node answered GetRecord without a record');
        return record;
      }),

    listRecords: (creator, page = {}, callOptions) =>
      call(() => publisher.listRecords({ creator, pageSize: page.pageSize ?? 0, pageToken: page.pageToken ?? '' }, callOptions)),

    async *watch(recordId, callOptions) {
      try {
        for await (const update of publisher.watchRecord({ recordId }, callOptions)) {
          if (update.record !== undefined) yield update.record;
        }
      } catch (error) {
        throw toSdkError(error);
      }
    },

    getProof: (recordId, callOptions) =>
      call(async () => {
        const { proofJson, complete } = await publisher.getProof({ recordId }, callOptions);
        return { proof: parseJsonResponse<ProofBundle>(proofJson, 'proof'), proofJson, complete };
      }),

    getInfo: (callOptions) => call(() => node.getInfo({}, callOptions)),
  };
}

function createTransport({ baseUrl, transport = 'connect', fetch, interceptors }: PublisherClientOptions): Transport {
  if (typeof transport === 'object') return transport;
  const shared = {
    baseUrl,
    ...(fetch === undefined ? {} : { fetch }),
    ...(interceptors === undefined ? {} : { interceptors: [...interceptors] }),
  };
  // Binary protobuf: the intent and receipt are JSON text already, and need no second escaping.
  return transport === 'grpc-web' ? createGrpcWebTransport(shared) : createConnectTransport({ ...shared, useBinaryFormat: true });
}

function publishResult(response: PublishResponse): PublishResult {
  return {
    recordId: response.recordId,
    duplicate: response.duplicate,
    receipt: response.receipt,
    publications: response.publications,
  };
}

async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toSdkError(error);
  }
}
