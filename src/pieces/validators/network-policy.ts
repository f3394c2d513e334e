import { lookup } from "node:dns/promises";
import { getEnv } from "@/env";
import { classifyAddress, type AddressClass } from "./address-class";

// Names that resolve to instance-metadata services on the clouds that use them; refused even
// where this machine's resolver does not know them (the address check covers the rest).
const METADATA_HOSTNAMES = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

/** A host the policy refuses; the message says why without probing it further. */
export class TargetRefusedError extends Error {
  readonly code = "TARGET_REFUSED";
}

export interface CheckedTarget {
  /** The address to connect to: the one that was checked, so a second lookup cannot change it. */
  address: string;
  family: 4 | 6;
}

function refusedClasses(): ReadonlySet<AddressClass> {
  return getEnv().VALIDATOR_BLOCK_PRIVATE_NETWORKS ? new Set(["metadata", "loopback", "private"]) : new Set(["metadata"]);
}

function refusal(host: string, kind: AddressClass): TargetRefusedError {
  return new TargetRefusedError(
    kind === "metadata"
      ? `${host} is a link-local or cloud metadata address; connections there are not allowed.`
      : `${host} is a ${kind === "loopback" ? "loopback" : "private network"} address; this installation does not connect there (VALIDATOR_BLOCK_PRIVATE_NETWORKS).`,
  );
}

/**
 * Resolves `host` and checks every address it has against the policy: link-local and metadata
 * addresses always refused, loopback and private ones too with VALIDATOR_BLOCK_PRIVATE_NETWORKS=1.
 * One bad address refuses the host (DNS may hand out any of them later).
 */
export async function checkTarget(host: string): Promise<CheckedTarget> {
  const name = host
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  const refused = refusedClasses();
  if (METADATA_HOSTNAMES.has(name)) throw refusal(host, "metadata");
  const literal = classifyAddress(name);
  if (literal) {
    if (refused.has(literal)) throw refusal(host, literal);
    return { address: name, family: name.includes(":") ? 6 : 4 };
  }
  const addresses = await lookup(name, { all: true, verbatim: true });
  for (const { address } of addresses) {
    const kind = classifyAddress(address) ?? "public";
    if (refused.has(kind)) throw refusal(host, kind);
  }
  const first = addresses[0];
  if (!first) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: "ENOTFOUND" });
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
