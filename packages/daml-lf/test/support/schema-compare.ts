/**
 * Compares our hand-written protobufjs schema of Daml-LF with the real one, given as FileDescriptorProto JSON (what
 * DumpLfSchema.java prints). The walk starts at paired root messages and follows each of our message- and enum-typed
 * fields into the real field's type, so a message of ours that stands for several real ones (e.g. TypeAndExpr for
 * Expr.ToAny and Expr.FromAny) is checked against each of them.
 */
import protobuf from "protobufjs";

interface RealField {
  readonly name: string;
  readonly number: number;
  readonly label: string;
  readonly type: string;
  readonly typeName?: string;
  readonly oneofIndex?: number;
}

interface RealMessage {
  readonly name: string;
  readonly field?: readonly RealField[];
  readonly nestedType?: readonly RealMessage[];
  readonly enumType?: readonly RealEnum[];
  readonly oneofDecl?: readonly { readonly name: string }[];
  readonly reservedRange?: readonly { readonly start: number; readonly end: number }[];
}

interface RealEnum {
  readonly name: string;
  readonly value?: readonly { readonly name: string; readonly number: number }[];
}

export interface RealFile {
  readonly package: string;
  readonly messageType?: readonly RealMessage[];
  readonly enumType?: readonly RealEnum[];
}

/** The real descriptors indexed by fully qualified name (`.daml_lf_1.Expr.RecCon`). */
export class RealSchema {
  readonly messages = new Map<string, RealMessage>();
  readonly enums = new Map<string, RealEnum>();

  constructor(files: readonly RealFile[]) {
    for (const file of files) {
      const scope = `.${file.package}`;
      for (const m of file.messageType ?? []) this.addMessage(scope, m);
      for (const e of file.enumType ?? []) this.enums.set(`${scope}.${e.name}`, e);
    }
  }

  private addMessage(scope: string, m: RealMessage): void {
    const name = `${scope}.${m.name}`;
    this.messages.set(name, m);
    for (const n of m.nestedType ?? []) this.addMessage(name, n);
    for (const e of m.enumType ?? []) this.enums.set(`${name}.${e.name}`, e);
  }

  fieldCount(): number {
    let n = 0;
    for (const m of this.messages.values()) n += m.field?.length ?? 0;
    return n;
  }
}

export interface SchemaComparison {
  /** Every difference, one line each. Empty when our schema agrees with the real one. */
  readonly mismatches: string[];
  /** Our fields and enum values the real schema does not have, and that are listed as later additions. */
  readonly later: string[];
  /** Real fields and enum values (reached by the walk) that our schema does not model. */
  readonly unmodelled: string[];
  /** Our fields checked against a real field (a field shared by several real messages counts once per pairing). */
  readonly checkedFields: number;
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const scalarType: Record<string, string> = {
  int32: "TYPE_INT32", int64: "TYPE_INT64", sint64: "TYPE_SINT64", sfixed64: "TYPE_SFIXED64", uint32: "TYPE_UINT32",
  string: "TYPE_STRING", bool: "TYPE_BOOL", bytes: "TYPE_BYTES", double: "TYPE_DOUBLE",
};
const shortType = (t: string) => t.replace(/^TYPE_/, "").toLowerCase();

/**
 * `roots` pairs our message names (relative to our package namespace) with real fully qualified names. `later` names
 * our fields / enum values (`Message.field`, `Enum.VALUE`) that are newer than the real schema; they are reported,
 * not failed, unless their number is taken or reserved in the real message.
 */
export function compareSchemas(
  ours: protobuf.Namespace,
  real: RealSchema,
  roots: readonly (readonly [string, string])[],
  later: ReadonlySet<string>,
): SchemaComparison {
  ours.resolveAll();
  const out = { mismatches: [] as string[], later: [] as string[], unmodelled: [] as string[], checkedFields: 0 };
  const prefix = ours.fullName === "" ? "." : `${ours.fullName}.`;
  const ourName = (t: protobuf.ReflectionObject) => t.fullName.slice(prefix.length);
  const done = new Set<string>();
  const queue: [protobuf.Type | protobuf.Enum, string, string][] = roots.map(([o, r]) => [ours.lookup(o) as protobuf.Type, r, `${o} ~ ${r}`]);
  const reached = new Set<string>();
  const laterSeen = new Set<string>();

  const compareEnum = (e: protobuf.Enum, realName: string) => {
    const r = real.enums.get(realName);
    if (r === undefined) return void out.mismatches.push(`${ourName(e)}: the real ${realName} is not an enum`);
    const byName = new Map((r.value ?? []).map((v) => [v.name, v.number]));
    for (const [name, number] of Object.entries(e.values)) {
      const key = `${ourName(e)}.${name}`;
      const realNumber = byName.get(name);
      if (realNumber === undefined) {
        const taken = (r.value ?? []).find((v) => v.number === number);
        if (later.has(key) && taken === undefined) {
          laterSeen.add(key);
          out.later.push(`${key} = ${number}`);
        } else out.mismatches.push(`${key} = ${number}: not in the real ${realName}${taken ? ` (${number} is ${taken.name} there)` : ""}`);
      } else if (realNumber !== number) {
        out.mismatches.push(`${key}: number ${number}, the real ${realName}.${name} is ${realNumber}`);
      }
    }
    const ourNumbers = new Set(Object.values(e.values));
    for (const v of r.value ?? []) if (!ourNumbers.has(v.number)) out.unmodelled.push(`${realName}.${v.name} = ${v.number}`);
  };

  const compareMessage = (t: protobuf.Type, realName: string) => {
    const r = real.messages.get(realName);
    if (r === undefined) return void out.mismatches.push(`${ourName(t)}: the real ${realName} is not a message`);
    const realFields = r.field ?? [];
    const oneofMap = new Map<string, string | undefined>();
    const matched = new Set<number>();
    for (const f of t.fieldsArray) {
      const key = `${ourName(t)}.${f.name}`;
      const where = `${key} (#${f.id}, real ${realName})`;
      const byName = realFields.find((x) => camel(x.name) === f.name || x.name === f.name);
      const byNumber = realFields.find((x) => x.number === f.id);
      const rf = byName;
      if (rf === undefined && byNumber !== undefined && !later.has(key)) {
        // Same number, another name: report it, and do not follow its (unrelated) type.
        out.mismatches.push(`${where}: the real field number ${f.id} is ${byNumber.name}`);
        matched.add(byNumber.number);
        continue;
      }
      if (rf === undefined) {
        const reserved = (r.reservedRange ?? []).some((x) => f.id >= x.start && f.id < x.end);
        const taken = byNumber === undefined ? "" : `; number ${f.id} is ${byNumber.name} there`;
        if (later.has(key) && !reserved && byNumber === undefined) {
          laterSeen.add(key);
          out.later.push(`${key} = ${f.id}`);
          followLater(f);
        } else out.mismatches.push(`${where}: not in the real message${reserved ? `; number ${f.id} is reserved there` : taken}`);
        continue;
      }
      matched.add(rf.number);
      out.checkedFields++;
      if (rf.number !== f.id) {
        const other = byNumber === undefined ? "" : `; ${f.id} is ${byNumber.name} there`;
        out.mismatches.push(`${where}: number ${f.id}, the real ${rf.name} is ${rf.number}${other}`);
      }
      if (f.repeated !== (rf.label === "LABEL_REPEATED")) {
        out.mismatches.push(`${where}: ${f.repeated ? "repeated" : "singular"}, the real ${rf.name} is ${f.repeated ? "singular" : "repeated"}`);
      }
      const realOneof = rf.oneofIndex === undefined ? undefined : r.oneofDecl?.[rf.oneofIndex]?.name;
      const ourOneof = f.partOf?.name;
      if ((ourOneof === undefined) !== (realOneof === undefined)) {
        out.mismatches.push(`${where}: ${ourOneof === undefined ? "not in a oneof" : `in oneof ${ourOneof}`}, the real ${rf.name} is ${realOneof === undefined ? "not in a oneof" : `in oneof ${realOneof}`}`);
      } else if (ourOneof !== undefined) {
        if (oneofMap.has(ourOneof) && oneofMap.get(ourOneof) !== realOneof) {
          out.mismatches.push(`${where}: our oneof ${ourOneof} spans the real oneofs ${oneofMap.get(ourOneof)} and ${realOneof}`);
        }
        oneofMap.set(ourOneof, realOneof);
      }
      const resolved = f.resolvedType;
      if (resolved instanceof protobuf.Type || resolved instanceof protobuf.Enum) {
        const want = resolved instanceof protobuf.Type ? "TYPE_MESSAGE" : "TYPE_ENUM";
        if (rf.type !== want || rf.typeName === undefined) {
          out.mismatches.push(`${where}: type ${ourName(resolved)} (${shortType(want)}), the real ${rf.name} is ${rf.typeName ?? shortType(rf.type)}`);
        } else {
          queue.push([resolved, rf.typeName, where]);
        }
      } else if (scalarType[f.type] !== rf.type) {
        out.mismatches.push(`${where}: type ${f.type}, the real ${rf.name} is ${rf.typeName ?? shortType(rf.type)}`);
      }
    }
    for (const x of realFields) if (!matched.has(x.number)) out.unmodelled.push(`${realName}.${x.name} = ${x.number}`);
  };

  // Types only reachable through later fields are not in the real schema; they count as reached.
  const followLater = (f: protobuf.Field) => {
    const stack = [f.resolvedType];
    while (stack.length > 0) {
      const t = stack.pop();
      if (t == null || reached.has(t.fullName)) continue;
      reached.add(t.fullName);
      if (t instanceof protobuf.Type) for (const g of t.fieldsArray) stack.push(g.resolvedType);
    }
  };

  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [t, realName] = item;
    reached.add(t.fullName);
    const pair = `${t.fullName} ~ ${realName}`;
    if (done.has(pair)) continue;
    done.add(pair);
    if (t instanceof protobuf.Type) compareMessage(t, realName);
    else compareEnum(t, realName);
  }

  for (const t of ours.nestedArray) {
    if ((t instanceof protobuf.Type || t instanceof protobuf.Enum) && !reached.has(t.fullName)) {
      out.mismatches.push(`${ourName(t)}: not reachable from ${roots.map(([o]) => o).join(", ")}`);
    }
  }
  for (const key of later) if (!laterSeen.has(key)) out.mismatches.push(`${key}: listed as a later addition, but it is in the real schema or not in ours`);
  return out;
}
