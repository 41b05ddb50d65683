import { create, createFileRegistry } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { describe, expect, test } from 'vitest';
import {
  ExtensionRequestSchema,
  ServerReflectionRequestSchema,
  type ServerReflectionRequest,
} from '../../proto/gen/grpc/reflection/v1/reflection_pb.ts';
import {
  answerReflectionRequest,
  type ReflectionAnswer,
} from '../../server/rpc/reflection/answer-reflection-request.ts';
import { createDescriptorIndex } from '../../server/rpc/reflection/descriptor-index.ts';

// The publisher API declares no extensions, so a small proto2 file stands in for one that does.
const optionalString = { label: FieldDescriptorProto_Label.OPTIONAL, type: FieldDescriptorProto_Type.STRING };
const probeFile = create(FileDescriptorProtoSchema, {
  name: 'probe/v1/probe.proto',
  package: 'probe.v1',
  syntax: 'proto2',
  messageType: [
    { name: 'Base', extensionRange: [{ start: 100, end: 200 }] },
    { name: 'Holder', extension: [{ name: 'nested', number: 101, extendee: '.probe.v1.Base', ...optionalString }] },
  ],
  extension: [{ name: 'top', number: 100, extendee: '.probe.v1.Base', ...optionalString }],
  service: [{ name: 'Probe', method: [{ name: 'Ping', inputType: '.probe.v1.Base', outputType: '.probe.v1.Base' }] }],
});
const probeService = createFileRegistry(probeFile, () => undefined).getService('probe.v1.Probe');
if (probeService === undefined) throw new Error('probe.v1.Probe did not load');
const index = createDescriptorIndex([probeService]);

function ask(messageRequest: ServerReflectionRequest['messageRequest']): ReflectionAnswer {
  return answerReflectionRequest(index, create(ServerReflectionRequestSchema, { messageRequest }));
}

describe('reflection of extensions', () => {
  test('all_extension_numbers_of_type lists top-level and nested extensions of the type', () => {
    expect(ask({ case: 'allExtensionNumbersOfType', value: 'probe.v1.Base' })).toEqual({
      case: 'allExtensionNumbersResponse',
      value: { baseTypeName: 'probe.v1.Base', extensionNumber: [101, 100] },
    });
  });

  test.each([100, 101])('file_containing_extension finds extension %i of the type', (extensionNumber) => {
    const value = create(ExtensionRequestSchema, { containingType: 'probe.v1.Base', extensionNumber });
    const answer = ask({ case: 'fileContainingExtension', value });
    expect(answer.case).toBe('fileDescriptorResponse');
    expect(answer.value).toMatchObject({ fileDescriptorProto: [expect.any(Uint8Array)] });
  });

  test('file_containing_extension of an unused number answers NOT_FOUND', () => {
    const value = create(ExtensionRequestSchema, { containingType: 'probe.v1.Base', extensionNumber: 150 });
    expect(ask({ case: 'fileContainingExtension', value })).toMatchObject({
      case: 'errorResponse',
      value: { errorCode: 5 },
    });
  });

  test('extensions are symbols too, found by their full name', () => {
    expect(ask({ case: 'fileContainingSymbol', value: 'probe.v1.Holder.nested' }).case).toBe('fileDescriptorResponse');
  });
});
