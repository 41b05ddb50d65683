import { toBinary, type DescExtension, type DescFile, type DescService } from '@bufbuild/protobuf';
import { nestedTypes } from '@bufbuild/protobuf/reflect';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';

/** What server reflection can tell about the served services and every file they depend on. */
export interface DescriptorIndex {
  readonly serviceNames: readonly string[];
  fileByName(name: string): DescFile | undefined;
  /** Messages, enums, services, methods and extensions, nested ones included, by full name. */
  fileContainingSymbol(name: string): DescFile | undefined;
  extension(extendee: string, number: number): DescExtension | undefined;
  /** `undefined` when `messageName` is not a known message, `[]` when it has no known extensions. */
  extensionNumbers(messageName: string): number[] | undefined;
  /** Serialized FileDescriptorProtos of `file` first, then of all it imports, transitively. */
  encodeWithDependencies(file: DescFile): Uint8Array[];
}

export function createDescriptorIndex(services: readonly DescService[]): DescriptorIndex {
  const files = new Map<string, DescFile>();
  // Keyed by the proto file name, "a/b.proto"; DescFile.name leaves out the ".proto".
  const addFile = (file: DescFile): void => {
    if (files.has(file.proto.name)) return;
    files.set(file.proto.name, file);
    file.dependencies.forEach(addFile);
  };
  services.forEach((service) => addFile(service.file));

  const symbols = new Map<string, DescFile>();
  const messages = new Set<string>();
  const extensions = new Map<string, DescExtension[]>();
  for (const file of files.values()) {
    for (const type of nestedTypes(file)) {
      symbols.set(type.typeName, file);
      if (type.kind === 'message') messages.add(type.typeName);
      if (type.kind === 'service') {
        for (const method of type.methods) symbols.set(`${type.typeName}.${method.name}`, file);
      }
      if (type.kind === 'extension') {
        const extendee = type.extendee.typeName;
        extensions.set(extendee, [...(extensions.get(extendee) ?? []), type]);
      }
    }
  }

  // Encoded once: descriptors do not change while the server runs.
  const encoded = new Map<DescFile, Uint8Array>();
  for (const file of files.values()) encoded.set(file, toBinary(FileDescriptorProtoSchema, file.proto));

  return {
    serviceNames: [...new Set(services.map((service) => service.typeName))],
    fileByName: (name) => files.get(name),
    fileContainingSymbol: (name) => symbols.get(name),
    extension: (extendee, number) => extensions.get(extendee)?.find((ext) => ext.number === number),
    extensionNumbers: (messageName) =>
      messages.has(messageName) ? (extensions.get(messageName) ?? []).map((ext) => ext.number) : undefined,
    encodeWithDependencies(file) {
      const closure = new Set<DescFile>();
      const visit = (f: DescFile): void => {
        if (closure.has(f)) return;
        closure.add(f);
        f.dependencies.forEach(visit);
      };
      visit(file);
      return [...closure].flatMap((f) => encoded.get(f) ?? []);
    },
  };
}
