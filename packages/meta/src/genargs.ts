import { describeFieldType, parseFieldType } from "./field-type.js";
import { RUN_AS_KEY } from "./int-args.js";
import { normalizeMetadata } from "./normalize.js";
import type { IntegrationTypeInfo, PackageMetadata } from "./types.js";

const PLAIN_KEY = /^[A-Za-z_][\w.-]*$/;
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const yamlString = (text: string) => JSON.stringify(text);

/** The integration types of metadata after normalisation (deprecated `integrations` included). */
export function integrationTypesOf(metadata: PackageMetadata): IntegrationTypeInfo[] {
  return normalizeMetadata(metadata).integration_types ?? [];
}

/**
 * An int_args.yaml for one integration type: `type_id`, then every field with its default value (or an empty
 * string), each under a comment with its name, type, whether it is required, and its description.
 * Every value is a double-quoted string, so the file is valid whatever the field type.
 */
export function generateIntArgs(type: IntegrationTypeInfo): string {
  const lines = [
    `# Arguments for integration type '${type.id}' (${oneLine(type.name)})`,
    "# Every value is a string: keep the quotes. Required fields must not be left empty.",
    "",
    `type_id: ${yamlString(type.id)}`,
    "metadata:",
    `  # ${RUN_AS_KEY}: "Alice"  # the party to run as, when not given by --party or DAML_LEDGER_PARTY`,
  ];
  for (const field of type.fields) {
    const parsed = parseFieldType(field.field_type);
    const kind = parsed.ok ? describeFieldType(parsed.type) : oneLine(field.field_type);
    const required = field.required === false ? "optional" : "required";
    lines.push(`  # ${oneLine(field.name)} (${kind}; ${required}): ${oneLine(field.description)}`);
    const key = PLAIN_KEY.test(field.id) ? field.id : yamlString(field.id);
    lines.push(`  ${key}: ${yamlString(field.default_value ?? "")}`);
  }
  // A mapping of nothing but comments would read as null: make the empty mapping explicit.
  if (type.fields.length === 0) lines.push("  {}  # this integration type has no fields");
  return lines.join("\n") + "\n";
}
