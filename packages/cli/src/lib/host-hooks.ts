// Module-resolution hooks (node:module register): host-provided specifiers resolve from the CLI's install.
interface ResolveContext { parentURL?: string; conditions: string[]; importAttributes: Record<string, string> }
type NextResolve = (specifier: string, context?: Partial<ResolveContext>) => Promise<{ url: string }>;

let parents: [string, string][] = [];

export function initialize(data: { parents: [string, string][] }): void {
  parents = data.parents;
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string }> {
  for (const [name, parentURL] of parents) {
    if (specifier === name || specifier.startsWith(name + "/")) return next(specifier, { ...context, parentURL });
  }
  return next(specifier, context);
}
