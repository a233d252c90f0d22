// Loads the protobuf descriptors of a gRPC server's services through gRPC server reflection (v1alpha, which the
// Daml 1.x/2.x Ledger API server offers), so this package carries no .proto files: the ledger describes itself.
import * as grpc from "@grpc/grpc-js";
import protobuf from "protobufjs";
import descriptorModule from "protobufjs/ext/descriptor/index.js";

// The reflection protocol's own messages (grpc/reflection/v1alpha/reflection.proto), the fields we use.
const reflectionRoot = protobuf.Root.fromJSON({
  nested: {
    reflection: {
      nested: {
        Request: {
          oneofs: { messageRequest: { oneof: ["fileByFilename", "fileContainingSymbol", "listServices"] } },
          fields: {
            host: { type: "string", id: 1 },
            fileByFilename: { type: "string", id: 3 },
            fileContainingSymbol: { type: "string", id: 4 },
            listServices: { type: "string", id: 7 },
          },
        },
        Response: {
          oneofs: { messageResponse: { oneof: ["fileDescriptorResponse", "listServicesResponse", "errorResponse"] } },
          fields: {
            fileDescriptorResponse: { type: "FileDescriptors", id: 4 },
            listServicesResponse: { type: "ServiceList", id: 6 },
            errorResponse: { type: "Error", id: 7 },
          },
        },
        FileDescriptors: { fields: { fileDescriptorProto: { rule: "repeated", type: "bytes", id: 1 } } },
        ServiceList: { fields: { service: { rule: "repeated", type: "ServiceName", id: 1 } } },
        ServiceName: { fields: { name: { type: "string", id: 1 } } },
        Error: { fields: { errorCode: { type: "int32", id: 1 }, errorMessage: { type: "string", id: 2 } } },
      },
    },
  },
});
// protobufjs ships this extension without usable typings: it is the descriptor.proto namespace at run time.
const descriptor = descriptorModule as unknown as { FileDescriptorProto: protobuf.Type; FileDescriptorSet: protobuf.Type };
const fromDescriptor = (protobuf.Root as unknown as { fromDescriptor(set: protobuf.Message): protobuf.Root }).fromDescriptor;

const RequestType = reflectionRoot.lookupType("reflection.Request");
const ResponseType = reflectionRoot.lookupType("reflection.Response");
const METHOD = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

interface ReflectionResponse {
  fileDescriptorResponse?: { fileDescriptorProto: Uint8Array[] };
  listServicesResponse?: { service: { name: string }[] };
  errorResponse?: { errorCode: number; errorMessage: string };
}

interface FileDescriptor {
  name: string;
  dependency: string[];
}

/** The names of the services the server offers. */
export async function listServices(client: grpc.Client, deadlineMs = 10_000): Promise<string[]> {
  const session = openSession(client, deadlineMs);
  try {
    const response = await session.ask({ listServices: "*" });
    return (response.listServicesResponse?.service ?? []).map((s) => s.name);
  } finally {
    session.end();
  }
}

/** A protobufjs Root holding every file (and its imports) that defines the given fully-qualified symbols. */
export async function loadServiceDescriptors(client: grpc.Client, symbols: readonly string[], deadlineMs = 10_000): Promise<protobuf.Root> {
  const session = openSession(client, deadlineMs);
  const files = new Map<string, unknown>();
  try {
    const asks: Array<{ fileContainingSymbol: string } | { fileByFilename: string }> = symbols.map((s) => ({ fileContainingSymbol: s }));
    while (asks.length > 0) {
      const response = await session.ask(asks.shift() as object);
      if (response.errorResponse) throw new Error(`server reflection: ${response.errorResponse.errorMessage} (code ${response.errorResponse.errorCode})`);
      for (const bytes of response.fileDescriptorResponse?.fileDescriptorProto ?? []) {
        const file = descriptor.FileDescriptorProto.decode(bytes) as unknown as FileDescriptor;
        if (files.has(file.name)) continue;
        files.set(file.name, file);
        for (const dependency of file.dependency) if (!files.has(dependency)) asks.push({ fileByFilename: dependency });
      }
    }
  } finally {
    session.end();
  }
  const set = descriptor.FileDescriptorSet.create({ file: [...files.values()] });
  const root = fromDescriptor(set);
  root.resolveAll();
  return root;
}

function openSession(client: grpc.Client, deadlineMs: number) {
  const call = client.makeBidiStreamRequest(
    METHOD,
    (message: object) => Buffer.from(RequestType.encode(RequestType.fromObject(message)).finish()),
    (bytes: Buffer) => ResponseType.toObject(ResponseType.decode(bytes), { defaults: false }) as ReflectionResponse,
    new grpc.Metadata(),
    { deadline: Date.now() + deadlineMs },
  );
  const waiting: Array<{ resolve(r: ReflectionResponse): void; reject(e: Error): void }> = [];
  let failure: Error | undefined;
  call.on("data", (response: ReflectionResponse) => waiting.shift()?.resolve(response));
  call.on("error", (error: Error) => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  });
  return {
    ask(request: object): Promise<ReflectionResponse> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        call.write(request);
      });
    },
    end() {
      call.end();
      call.cancel();
    },
  };
}
