// `env`, the integration's environment (spec §2.12, §3.8): the run-as party, the queue sink, the Daml model, tid(),
// and the config fields — already coerced by field_type by @dit/meta (integer → number, number → number or exact
// string, bug 13 fixed) — both as `env.config` and as properties of env itself, like the original's dataclass fields.
import type { ConfigValue, DamlModelInfo } from "@dit/meta";
import { messageOf, RuntimeError } from "./errors.js";
import type { QueueSink } from "./scheduler.js";
import { qualifyTemplateId } from "./templates.js";

export interface IntegrationEnvironment {
  readonly party: string;
  readonly queue: QueueSink;
  readonly damlModel: DamlModelInfo | null;
  /** `Mod:Ent` → `<main package id>:Mod:Ent` (errors without a Daml model). */
  tid(templateId: string): string;
  readonly config: Readonly<Record<string, ConfigValue>>;
}

/** The env an entrypoint receives; `C` declares the config fields it reads, e.g. `IntegrationEnv<{ historyBound: number }>`. */
export type IntegrationEnv<C extends object = Record<never, never>> = IntegrationEnvironment & Readonly<C>;

const RESERVED = new Set(["party", "queue", "damlModel", "tid", "config"]);

export function buildBaseEnv(input: { party: string; queue: QueueSink; damlModel: DamlModelInfo | null; config: Record<string, ConfigValue> }): IntegrationEnv {
  const env: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.config)) if (!RESERVED.has(key)) env[key] = value;
  const damlModel = input.damlModel;
  Object.assign(env, {
    party: input.party,
    queue: input.queue,
    damlModel,
    tid: (templateId: string) => qualifyTemplateId(damlModel, templateId),
    config: Object.freeze({ ...input.config }),
  });
  return env as unknown as IntegrationEnv;
}

/** The `env_class` export: a class (`new EnvClass(env)`) or a function (`fn(env)`); its result is the env. */
export async function applyEnvClass(envClass: unknown, base: IntegrationEnv): Promise<IntegrationEnv> {
  if (typeof envClass !== "function") throw new RuntimeError("env/failed", "env_class must export a class or a function");
  try {
    const made: unknown = isClass(envClass as (...args: never[]) => unknown) ? new (envClass as new (env: IntegrationEnv) => unknown)(base) : await (envClass as (env: IntegrationEnv) => unknown)(base);
    if (typeof made !== "object" || made === null) throw new Error(`env_class returned ${String(made)}, not an object`);
    return made as IntegrationEnv;
  } catch (error) {
    throw new RuntimeError("env/failed", `building the environment with env_class failed: ${messageOf(error)}`, { cause: error });
  }
}

const isClass = (f: (...args: never[]) => unknown): boolean => /^class[\s{]/.test(Function.prototype.toString.call(f));
