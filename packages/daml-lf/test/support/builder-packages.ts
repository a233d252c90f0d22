/**
 * Packages made with PackageBuilder that together use everything it offers, for upload to a real ledger: records
 * (also with type parameters), variants, enums, values, templates with keys, observers, preconditions, agreements,
 * consuming and non-consuming choices (with choice observers from LF 1.11 on), create/exercise/fetch, several modules
 * referring to each other, and the README's Give example.
 */
import type { Expr, LfType } from "@dit/daml-lf";
import { E, PackageBuilder, T } from "@dit/daml-lf";

const builtin = (code: number): Expr => ({ kind: "builtin", code });
const ADD_INT64 = 7;
const APPEND_TEXT = 24;
const atLeast = (minor: string, since: number) => minor === "dev" || Number(minor) >= since;

/** The README example, as it is there. */
export function giveExample(lfMinor: string): PackageBuilder {
  const b = new PackageBuilder({ name: "assets", version: "1.0.0", lfMinor });
  const m = b.module("Assets");
  m.template("Asset", { issuer: T.party, owner: T.party }, {
    signatories: (t) => E.list(T.party, [t.field("issuer")]),
    choices: [{
      name: "Give", argument: { newOwner: T.party }, returnType: T.contractId(m.type("Asset")),
      controllers: (c) => E.list(T.party, [c.field("owner")]),
      update: (c) => E.create(c.ref, E.withField(c.type, c.self, "owner", c.argField("newOwner"))),
    }],
  });
  return b;
}

/** Data types and values only, over two modules. */
export function catalogue(lfMinor: string): PackageBuilder {
  const b = new PackageBuilder({ name: `dit-catalogue-${lfMinor}`, version: "0.1.0", lfMinor });
  const base = b.module("Dit.Base");
  const color = base.enum("Color", ["Red", "Green", "Blue"]);
  const shape = base.variant("Shape", { Circle: T.numeric(10), Square: T.int64, Dot: T.unit });
  const pair = (a: LfType, c: LfType) => base.type("Pair", a, c);
  base.record("Pair", { fst: T.var("a"), snd: T.var("b") }, ["a", "b"]);
  base.variant("Tree", { Leaf: T.unit, Node: base.type("Pair", T.var("a"), T.list(base.type("Tree", T.var("a")))) }, ["a"]);

  const m = b.module("Dit.Catalogue");
  m.record("Item", {
    name: T.text, color: T.optional(color), shape, tags: T.list(T.text), attrs: T.textMap(T.int64), pair: pair(T.int64, T.text),
    since: T.date, at: T.timestamp, price: T.numeric(10), flag: T.bool,
    ...(atLeast(lfMinor, 11) ? { index: T.genMap(T.text, T.list(color)) } : {}),
  });
  m.value("answer", T.int64, E.int64(42));
  m.value("half", T.numeric(10), E.numeric("0.5", 10));
  m.value("greeting", T.text, E.app(builtin(APPEND_TEXT), E.text("hello, "), E.text("ledger")));
  m.value("red", color, E.enum(base.ref("Color"), "Red"));
  m.value("circle", shape, E.variant(shape, "Circle", E.numeric("1.5", 10)));
  m.value("double", T.arrow(T.int64, T.int64), E.lam([{ name: "x", type: T.int64 }], E.app(builtin(ADD_INT64), E.var("x"), E.var("x"))));
  m.value("four", T.int64, E.app(E.val(m.ref("double")), E.int64(2)));
  m.value("aPair", pair(T.int64, T.text), E.record(pair(T.int64, T.text), { fst: E.int64(1), snd: E.text("one") }));
  m.value("maybe", T.optional(T.text), E.let([{ name: "t", type: T.text, value: E.text("x") }], E.some(T.text, E.var("t"))));
  m.value("nothing", T.optional(T.int64), E.none(T.int64));
  m.value("noop", T.update(T.unit), E.pure(T.unit, E.unit));
  return b;
}

/** Templates: keys, observers, a precondition, an agreement, and choices that create, exercise and fetch. */
export function assets(lfMinor: string): PackageBuilder {
  const b = new PackageBuilder({ name: `dit-assets-${lfMinor}`, version: "2.0.0", lfMinor, sdkVersion: "1.13.1" });
  const types = b.module("Dit.Types");
  const color = types.enum("Color", ["Red", "Blue"]);
  const m = b.module("Dit.Assets");
  const withObservers = atLeast(lfMinor, 11);
  const asset = m.template(
    "Asset",
    { issuer: T.party, owner: T.party, name: T.text, amount: T.numeric(10), color: T.optional(color), active: T.bool, watchers: T.list(T.party) },
    {
      signatories: (t) => E.list(T.party, [t.field("issuer")]),
      observers: (t) => t.field("watchers"),
      precondition: (t) => t.field("active"),
      agreement: (t) => E.app(builtin(APPEND_TEXT), E.text("asset "), t.field("name")),
      key: { type: T.party, body: (t) => t.field("issuer"), maintainers: (k) => E.list(T.party, [k]) },
      choices: [
        {
          name: "Give",
          argument: { newOwner: T.party },
          returnType: T.contractId(m.type("Asset")),
          controllers: (c) => E.list(T.party, [c.field("owner")]),
          update: (c) => E.create(c.ref, E.withField(c.type, c.self, "owner", c.argField("newOwner"))),
        },
        {
          name: "Peek",
          consuming: false,
          argument: {},
          returnType: T.text,
          controllers: (c) => E.list(T.party, [c.field("owner")]),
          ...(withObservers ? { observers: (c) => E.list(T.party, [c.field("issuer")]) } : {}),
          update: (c) => E.pure(T.text, c.field("name")),
        },
        {
          name: "Inspect",
          consuming: false,
          argument: { viewer: T.party },
          returnType: m.type("Asset"),
          controllers: (c) => E.list(T.party, [c.argField("viewer")]),
          update: (c) => E.fetch(c.ref, c.contractId),
        },
        {
          name: "Pass",
          argument: { to: T.party },
          returnType: T.contractId(m.type("Asset")),
          controllers: (c) => E.list(T.party, [c.field("owner")]),
          // Archive this one and exercise Give on a fresh copy: create, bind, exercise.
          update: (c) =>
            E.bind(
              [{ name: "copy", type: T.contractId(c.type), update: E.create(c.ref, c.self) }],
              E.exercise(c.ref, "Give", E.var("copy"), E.record(m.type("Give"), { newOwner: c.argField("to") })),
            ),
        },
      ],
    },
  );
  m.template("Note", { author: T.party, text: T.text, about: T.optional(T.contractId(T.con(asset))) }, {
    signatories: (t) => E.list(T.party, [t.field("author")]),
    archive: false,
  });
  return b;
}

export function allPackages(lfMinor: string): { name: string; builder: PackageBuilder }[] {
  return [
    { name: "README Give example", builder: giveExample(lfMinor) },
    { name: "catalogue", builder: catalogue(lfMinor) },
    { name: "assets", builder: assets(lfMinor) },
  ];
}
