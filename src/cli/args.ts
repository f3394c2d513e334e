/** `--name value` options and `--flag` switches; anything else is an error naming it. */
export function parseArgs(args: string[], spec: { options: string[]; flags?: string[] }) {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith("--") ? arg.slice(2) : null;
    if (name && spec.flags?.includes(name)) flags.add(name);
    else if (name && spec.options.includes(name)) {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value`);
      options[name] = value;
    } else throw new Error(`Unknown argument “${arg}”`);
  }
  return { options, flags };
}
