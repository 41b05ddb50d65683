import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { equals, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema, type FileDescriptorSet } from '@bufbuild/protobuf/wkt';
import { expect, test } from 'vitest';
import { Health } from '../../proto/gen/grpc/health/v1/health_pb.ts';
import { ServerReflection as ServerReflectionV1 } from '../../proto/gen/grpc/reflection/v1/reflection_pb.ts';
import { ServerReflection as ServerReflectionV1alpha } from '../../proto/gen/grpc/reflection/v1alpha/reflection_pb.ts';
import { AuditService } from '../../proto/gen/publisher/v1/audit_pb.ts';
import { FundingService } from '../../proto/gen/publisher/v1/funding_pb.ts';
import { KeyService } from '../../proto/gen/publisher/v1/key_pb.ts';
import { LogService } from '../../proto/gen/publisher/v1/log_pb.ts';
import { NodeService } from '../../proto/gen/publisher/v1/node_pb.ts';
import { PublishService } from '../../proto/gen/publisher/v1/publish_pb.ts';
import { createDescriptorIndex } from '../../server/rpc/reflection/descriptor-index.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The module compiled by buf from proto/, imports (google/protobuf/timestamp.proto) included. */
function bufBuild(): Promise<FileDescriptorSet> {
  const args = ['build', '--as-file-descriptor-set', '--exclude-source-info', '-o', '-#format=binpb'];
  return new Promise((resolve, reject) => {
    execFile('node_modules/.bin/buf', args, { cwd: projectRoot, encoding: 'buffer' }, (error, stdout) =>
      error ? reject(error) : resolve(fromBinary(FileDescriptorSetSchema, stdout)),
    );
  });
}

// protoc-gen-es embeds descriptors without imports, default json names and source info; this checks
// that what reflection serves, once protobuf-es has restored them, is exactly what the compiler made.
test('every file reflection serves equals the descriptor buf build compiles from the .proto sources', async () => {
  const compiled = await bufBuild();
  const index = createDescriptorIndex([
    NodeService,
    PublishService,
    LogService,
    KeyService,
    FundingService,
    AuditService,
    Health,
    ServerReflectionV1,
    ServerReflectionV1alpha,
  ]);
  expect(compiled.file.map((file) => file.name)).toContain('google/protobuf/timestamp.proto');
  for (const expected of compiled.file) {
    const file = index.fileByName(expected.name);
    expect(file, expected.name).toBeDefined();
    const [bytes] = file ? index.encodeWithDependencies(file) : [];
    const served = fromBinary(FileDescriptorProtoSchema, bytes ?? new Uint8Array());
    expect(equals(FileDescriptorProtoSchema, served, expected), expected.name).toBe(true);
  }
});
