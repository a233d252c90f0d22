// Commands are plain data: a handler returns them and the submitter sends each as one JSON API call.
// The helpers are typed when given @daml/types Template/Choice objects (from `daml codegen js`), untyped with strings.
import type { Choice, ContractId, Template } from "@daml/types";

export interface CreateCommand {
  readonly kind: "create";
  readonly templateId: string;
  readonly payload: unknown;
}

export interface ExerciseCommand {
  readonly kind: "exercise";
  readonly templateId: string;
  readonly contractId: string;
  readonly choice: string;
  readonly argument: unknown;
}

export interface CreateAndExerciseCommand {
  readonly kind: "createAndExercise";
  readonly templateId: string;
  readonly payload: unknown;
  readonly choice: string;
  readonly argument: unknown;
}

export interface ExerciseByKeyCommand {
  readonly kind: "exerciseByKey";
  readonly templateId: string;
  readonly key: unknown;
  readonly choice: string;
  readonly argument: unknown;
}

export type Command = CreateCommand | ExerciseCommand | CreateAndExerciseCommand | ExerciseByKeyCommand;
export const COMMAND_KINDS: ReadonlySet<string> = new Set(["create", "exercise", "createAndExercise", "exerciseByKey"]);

// Codegen templates are generic in payload, key and id; the helpers only read ids and names from them.
type AnyTemplate<T extends object> = Template<T, unknown, string>;
type AnyChoice<T extends object, C> = Choice<T, C, unknown, unknown>;

export function create<T extends object>(template: AnyTemplate<T>, payload: T): CreateCommand;
export function create(templateId: string, payload: Record<string, unknown>): CreateCommand;
export function create(template: string | AnyTemplate<object>, payload: unknown): CreateCommand {
  return { kind: "create", templateId: idOf(template), payload };
}

export function exercise<T extends object, C>(choice: AnyChoice<T, C>, contractId: ContractId<T>, argument: C): ExerciseCommand;
export function exercise(templateId: string, contractId: string, choice: string, argument?: unknown): ExerciseCommand;
export function exercise(...args: unknown[]): ExerciseCommand {
  if (typeof args[0] === "string") {
    const [templateId, contractId, choice, argument] = args as [string, string, string, unknown];
    return { kind: "exercise", templateId, contractId, choice, argument: argument ?? {} };
  }
  const [choice, contractId, argument] = args as [AnyChoice<object, unknown>, string, unknown];
  return { kind: "exercise", templateId: choice.template().templateId, contractId, choice: choice.choiceName, argument };
}

export function createAndExercise<T extends object, C>(choice: AnyChoice<T, C>, payload: T, argument: C): CreateAndExerciseCommand;
export function createAndExercise(templateId: string, payload: Record<string, unknown>, choice: string, argument?: unknown): CreateAndExerciseCommand;
export function createAndExercise(...args: unknown[]): CreateAndExerciseCommand {
  if (typeof args[0] === "string") {
    const [templateId, payload, choice, argument] = args as [string, unknown, string, unknown];
    return { kind: "createAndExercise", templateId, payload, choice, argument: argument ?? {} };
  }
  const [choice, payload, argument] = args as [AnyChoice<object, unknown>, unknown, unknown];
  return { kind: "createAndExercise", templateId: choice.template().templateId, payload, choice: choice.choiceName, argument };
}

export function exerciseByKey<T extends object, C, K>(choice: Choice<T, C, unknown, K>, key: K, argument: C): ExerciseByKeyCommand;
export function exerciseByKey(templateId: string, key: unknown, choice: string, argument?: unknown): ExerciseByKeyCommand;
export function exerciseByKey(...args: unknown[]): ExerciseByKeyCommand {
  if (typeof args[0] === "string") {
    const [templateId, key, choice, argument] = args as [string, unknown, string, unknown];
    return { kind: "exerciseByKey", templateId, key, choice, argument: argument ?? {} };
  }
  const [choice, key, argument] = args as [AnyChoice<object, unknown>, unknown, unknown];
  return { kind: "exerciseByKey", templateId: choice.template().templateId, key, choice: choice.choiceName, argument };
}

export const isCommand = (value: unknown): value is Command =>
  typeof value === "object" && value !== null && COMMAND_KINDS.has(String((value as { kind?: unknown }).kind));

/** A template reference: a codegen Template object or a template id string. */
export type TemplateRef = string | { readonly templateId: string };

export const idOf = (template: TemplateRef): string => (typeof template === "string" ? template : template.templateId);

export function describeCommand(command: Command): string {
  return command.kind === "create" ? `create ${command.templateId}` : `${command.kind} ${command.templateId} ${command.choice}`;
}
