// How PyYAML's safe_load (YAML 1.1) types plain scalars. The original tooling judges metadata with these rules,
// which differ from the `yaml` package's own 1.1 schema in places (`y`/`n` stay strings, `1e3` is a string,
// `09` is a string), so both of our parsers use this one table.
import type { ScalarTag, Tags } from "yaml";

/** A YAML timestamp, kept with its source text so that impossible dates (2021-02-30) can be reported. */
export class YamlDate {
  readonly valid: boolean;
  readonly iso: string;

  constructor(readonly text: string) {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d*))?(?:[ \t]*(Z|[-+]\d{1,2}(?::\d{2})?))?)?$/.exec(text);
    const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    this.valid = m !== null && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
    if (!m?.[4]) {
      this.iso = `${m?.[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      return;
    }
    const [, , , , hh, mm, ss, fraction = "", zone = "Z"] = m;
    const [zh = "0", zm = "0"] = zone === "Z" ? [] : zone.slice(1).split(":");
    const offset = (zone.startsWith("-") ? -1 : 1) * (Number(zh) * 60 + Number(zm));
    const ms = Date.UTC(year, month - 1, day, Number(hh), Number(mm), Number(ss), Number(fraction.padEnd(3, "0").slice(0, 3)));
    this.iso = Number.isNaN(ms) ? text : new Date(ms - offset * 60_000).toISOString();
  }
}

interface Resolver {
  tag: string;
  /** Which plain scalars get this type implicitly. */
  test: RegExp;
  resolve(text: string): unknown;
}

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

function sexagesimal(text: string): number {
  return text.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}

function signed(text: string): { sign: number; body: string } {
  const clean = text.replace(/_/g, "");
  if (clean.startsWith("-")) return { sign: -1, body: clean.slice(1) };
  return { sign: 1, body: clean.startsWith("+") ? clean.slice(1) : clean };
}

export const PYYAML_RESOLVERS: readonly Resolver[] = [
  { tag: "tag:yaml.org,2002:null", test: NULL, resolve: () => null },
  { tag: "tag:yaml.org,2002:bool", test: BOOL, resolve: (text) => ["yes", "true", "on"].includes(text.toLowerCase()) },
  {
    tag: "tag:yaml.org,2002:int",
    test: INT,
    resolve(text) {
      const { sign, body } = signed(text);
      if (body.startsWith("0b")) return sign * parseInt(body.slice(2), 2);
      if (body.startsWith("0x")) return sign * parseInt(body.slice(2), 16);
      if (body.includes(":")) return sign * sexagesimal(body);
      if (body.length > 1 && body.startsWith("0")) return sign * parseInt(body, 8);
      return sign * Number(body);
    },
  },
  {
    tag: "tag:yaml.org,2002:float",
    test: FLOAT,
    resolve(text) {
      const { sign, body } = signed(text.toLowerCase());
      if (body === ".inf") return sign * Infinity;
      if (body === ".nan") return NaN;
      if (body.includes(":")) return sign * sexagesimal(body);
      return sign * Number(body);
    },
  },
  { tag: "tag:yaml.org,2002:timestamp", test: TIMESTAMP, resolve: (text) => new YamlDate(text) },
];

const REPLACED = new Set(PYYAML_RESOLVERS.map((r) => r.tag));

/** The `yaml` package's 1.1 tags with its scalar resolvers swapped for PyYAML's (for its `customTags` option). */
export function pyyamlTagsForYamlLib(defaults: Tags): Tags {
  const mine: ScalarTag[] = PYYAML_RESOLVERS.map((r) => ({ tag: r.tag, default: true, test: r.test, resolve: r.resolve }));
  return [...mine, ...defaults.filter((t) => typeof t === "string" || !REPLACED.has(t.tag))];
}
