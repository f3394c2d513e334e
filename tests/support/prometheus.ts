// A strict reader of the Prometheus text exposition format (0.0.4): every line must be a HELP or
// TYPE comment, a blank line, or a sample of a family whose TYPE came first; anything else throws.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: (-?\\d+))?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/;

function parseLabels(text: string, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  let rest = text;
  while (rest.length) {
    const m = LABEL.exec(rest);
    if (!m) throw new Error(`line ${line}: malformed labels "${text}"`);
    if (m[1]! in labels) throw new Error(`line ${line}: duplicate label ${m[1]}`);
    labels[m[1]!] = m[2]!.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    rest = rest.slice(m[0].length);
  }
  return labels;
}

// Values are read as Prometheus reads them (Go's ParseFloat): NaN and Inf in any case.
function parseValue(text: string, line: number): number {
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const n = Number(text);
  if (!/^-?[\d.]+(e[+-]?\d+)?$/i.test(text) || Number.isNaN(n)) throw new Error(`line ${line}: bad value "${text}"`);
  return n;
}

function familyOf(sample: string, families: Map<string, Family>): Family | undefined {
  const direct = families.get(sample);
  if (direct) return direct;
  for (const suffix of ["_bucket", "_sum", "_count", "_total", "_created"]) {
    if (sample.endsWith(suffix)) {
      const f = families.get(sample.slice(0, -suffix.length));
      if (f) return f;
    }
  }
  return undefined;
}

export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const helps = new Map<string, string>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw === "") return;
    if (raw.startsWith("# HELP ")) {
      const m = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(raw);
      if (!m) throw new Error(`line ${line}: malformed HELP`);
      helps.set(m[1]!, m[2]!);
      return;
    }
    if (raw.startsWith("# TYPE ")) {
      const m = new RegExp(`^# TYPE (${NAME}) (\\w+)$`).exec(raw);
      if (!m || !TYPES.has(m[2]!)) throw new Error(`line ${line}: malformed TYPE`);
      if (families.has(m[1]!)) throw new Error(`line ${line}: ${m[1]} declared twice`);
      families.set(m[1]!, { name: m[1]!, type: m[2]!, help: helps.get(m[1]!) ?? "", samples: [] });
      return;
    }
    if (raw.startsWith("#")) throw new Error(`line ${line}: unexpected comment`);
    const m = SAMPLE.exec(raw);
    if (!m) throw new Error(`line ${line}: malformed sample "${raw}"`);
    const family = familyOf(m[1]!, families);
    if (!family) throw new Error(`line ${line}: sample ${m[1]} before its TYPE`);
    family.samples.push({ name: m[1]!, labels: m[2] ? parseLabels(m[2], line) : {}, value: parseValue(m[3]!, line) });
  });
  return families;
}
