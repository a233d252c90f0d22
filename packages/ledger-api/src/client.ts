// A Daml Ledger API v1 client on @grpc/grpc-js. Message types come from the ledger by server reflection
// (reflection.ts); requests are plain objects with protobufjs' camelCase field names, responses plain objects
// with 64-bit integers as decimal strings and enums as their names.
import * as grpc from "@grpc/grpc-js";
import Long from "long";
import protobuf from "protobufjs";
import { loadServiceDescriptors } from "./reflection.js";

// protobufjs finds Long with a require() that some loaders (e.g. vitest's `--conditions import`) answer with long's
// ESM namespace; it then decodes 64-bit integers as JS numbers and loses Int64 precision. Give it the class.
protobuf.util.Long = Long;
protobuf.configure();

const V1 = "com.daml.ledger.api.v1";

/** The Ledger API services this client loads; names are relative to `com.daml.ledger.api.v1`. */
export const LEDGER_API_SERVICES = [
  "LedgerIdentityService",
  "PackageService",
  "CommandService",
  "CommandSubmissionService",
  "CommandCompletionService",
  "ActiveContractsService",
  "TransactionService",
  "LedgerConfigurationService",
  "admin.PackageManagementService",
  "admin.PartyManagementService",
] as const;

export interface LedgerApiOptions {
  /** Sent as `authorization: Bearer <token>` on every call. */
  readonly token?: string;
  /** Deadline of unary calls, in ms. Default 30 s. */
  readonly deadlineMs?: number;
}

export interface CallOptions {
  readonly token?: string;
  readonly deadlineMs?: number;
}

export type ProtoObject = Record<string, unknown>;

/** A failed Ledger API call: the gRPC status name and number, and the ledger's own description. */
export class LedgerApiError extends Error {
  override readonly name = "LedgerApiError";
  constructor(
    readonly method: string,
    readonly grpcCode: number,
    readonly grpcStatus: string,
    readonly details: string,
  ) {
    super(`${method}: ${grpcStatus}: ${details}`);
  }
}

/** A server stream; iterate it with `for await`, stop it with `cancel()`. */
export interface ServerStream<T> extends AsyncIterable<T> {
  cancel(): void;
}

export class LedgerApi {
  private constructor(
    private readonly client: grpc.Client,
    readonly root: protobuf.Root,
    readonly ledgerId: string,
    private readonly options: LedgerApiOptions,
  ) {}

  /** Connects, loads the service descriptors by reflection and reads the ledger id. */
  static async connect(address: string, options: LedgerApiOptions = {}): Promise<LedgerApi> {
    const client = new grpc.Client(address, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 64 << 20,
      "grpc.max_send_message_length": 64 << 20,
    });
    try {
      const root = await loadServiceDescriptors(client, LEDGER_API_SERVICES.map((s) => `${V1}.${s}`), options.deadlineMs ?? 30_000);
      const probe = new LedgerApi(client, root, "", options);
      const identity = await probe.unary<{ ledgerId: string }>("LedgerIdentityService/GetLedgerIdentity", {});
      return new LedgerApi(client, root, identity.ledgerId, options);
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** A message type of the Ledger API, e.g. `"value.Value"` or a fully qualified name. */
  type(name: string): protobuf.Type {
    return this.root.lookupType(name.includes(".com.") || name.startsWith("com.") || name.startsWith("google.") ? name : `${V1}.${name}`);
  }

  unary<T = ProtoObject>(method: string, request: ProtoObject, options: CallOptions = {}): Promise<T> {
    const { path, requestType, responseType } = this.method(method);
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        path,
        (message: ProtoObject) => encode(requestType, message),
        (bytes: Buffer) => decode(responseType, bytes),
        request,
        this.metadata(options),
        { deadline: Date.now() + (options.deadlineMs ?? this.options.deadlineMs ?? 30_000) },
        (error, response) => (error ? reject(toLedgerApiError(method, error)) : resolve(response as T)),
      );
    });
  }

  stream<T = ProtoObject>(method: string, request: ProtoObject, options: CallOptions = {}): ServerStream<T> {
    const { path, requestType, responseType } = this.method(method);
    const call = this.client.makeServerStreamRequest(
      path,
      (message: ProtoObject) => encode(requestType, message),
      (bytes: Buffer) => decode(responseType, bytes),
      request,
      this.metadata(options),
      options.deadlineMs !== undefined ? { deadline: Date.now() + options.deadlineMs } : {},
    );
    let cancelled = false;
    return {
      cancel: () => {
        cancelled = true;
        call.cancel();
      },
      async *[Symbol.asyncIterator]() {
        try {
          for await (const message of call) yield message as T;
        } catch (error) {
          if (cancelled && (error as grpc.ServiceError).code === grpc.status.CANCELLED) return;
          throw toLedgerApiError(method, error as grpc.ServiceError);
        }
      },
    };
  }

  close(): void {
    this.client.close();
  }

  private metadata(options: CallOptions): grpc.Metadata {
    const metadata = new grpc.Metadata();
    const token = options.token ?? this.options.token;
    if (token) metadata.set("authorization", `Bearer ${token}`);
    return metadata;
  }

  private method(name: string) {
    const slash = name.indexOf("/");
    const service = this.root.lookupService(`${V1}.${name.slice(0, slash)}`);
    const method = service.methods[name.slice(slash + 1)];
    if (!method) throw new Error(`unknown Ledger API method ${name}`);
    method.resolve();
    return {
      path: `/${service.fullName.slice(1)}/${method.name}`,
      requestType: method.resolvedRequestType as protobuf.Type,
      responseType: method.resolvedResponseType as protobuf.Type,
    };
  }
}

const encode = (type: protobuf.Type, message: ProtoObject) => Buffer.from(type.encode(type.fromObject(message)).finish());
const decode = (type: protobuf.Type, bytes: Buffer) =>
  type.toObject(type.decode(bytes), { longs: String, enums: String, oneofs: true, arrays: true }) as ProtoObject;

function toLedgerApiError(method: string, error: grpc.ServiceError | Error): LedgerApiError {
  const code = (error as grpc.ServiceError).code ?? grpc.status.UNKNOWN;
  const details = (error as grpc.ServiceError).details ?? error.message;
  return new LedgerApiError(method, code, grpc.status[code] ?? String(code), details);
}
