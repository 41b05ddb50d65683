import { create } from '@bufbuild/protobuf';
import type { CheckpointSigner } from '../core/audit/index.ts';
import { schemes } from '../core/schemes/index.ts';
import { ChainInfoSchema, FundingModel, GetInfoResponseSchema, IntentLimitsSchema, type GetInfoResponse } from '../proto/gen/publisher/v1/node_pb.ts';
import type { ChainRuntime } from './chains/chain-runtime.ts';
import type { NodeConfig } from './config/index.ts';
import { version } from './version.ts';

const FUNDING_MODELS = { utxo: FundingModel.UTXO, account: FundingModel.ACCOUNT, none: FundingModel.NONE } as const;

/** NodeService.GetInfo: what this node publishes to, who operates it, what it accepts. */
export function nodeInfo(config: NodeConfig, chains: ReadonlyMap<string, ChainRuntime>, logSigner: CheckpointSigner): GetInfoResponse {
  return create(GetInfoResponseSchema, {
    version,
    protocol: 'chain-publisher',
    protocolVersion: 1,
    chains: [...chains.values()].map(({ adapter, unit }) =>
      create(ChainInfoSchema, {
        name: adapter.name,
        network: adapter.network,
        operatorAddress: adapter.operatorAddress,
        maxRecordsPerTransaction: adapter.capabilities.maxRecordsPerTransaction,
        maxPayloadBytes: BigInt(adapter.capabilities.maxRecordBytes),
        fundingModel: FUNDING_MODELS[adapter.funding.model],
        confirmationDepth: adapter.capabilities.confirmationDepth,
        fundingUnit: unit,
        attributes: { ...adapter.attributes },
      }),
    ),
    limits: create(IntentLimitsSchema, {
      maxEnvelopeBytes: config.intent.maxEnvelopeBytes,
      maxDepth: config.intent.maxDepth,
      timestampWindowSeconds: config.intent.timestampWindowMs / 1000,
      minNonceBytes: 16,
      maxNonceBytes: 64,
      maxBatchIntents: config.intent.maxBatchIntents,
    }),
    signatureSchemes: [...schemes.names],
    openRegistration: config.openRegistration,
    logVerifierKey: logSigner.verifierKey,
    logOrigin: logSigner.origin,
  });
}
