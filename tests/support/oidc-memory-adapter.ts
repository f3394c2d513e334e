/**
 * A storage adapter for oidc-provider that keeps everything in one Map per server, without the
 * size limit of the provider's development adapter (an LRU of 1,000 entries, shared by every
 * provider in the process), which silently drops grants once a test holds many connections.
 */
interface Entry {
  payload: Record<string, unknown>;
  expiresAt: number;
}

export function createMemoryAdapter() {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();

  const read = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string) {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      const key = this.key(id);
      entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
      if (typeof payload.grantId === "string") {
        const members = byGrant.get(payload.grantId) ?? new Set<string>();
        members.add(key);
        byGrant.set(payload.grantId, members);
      }
      if (typeof payload.uid === "string") byUid.set(this.key(payload.uid), id);
      if (typeof payload.userCode === "string") byUserCode.set(this.key(payload.userCode), id);
    }

    async find(id: string) {
      return read(this.key(id));
    }

    async findByUid(uid: string) {
      const id = byUid.get(this.key(uid));
      return id ? read(this.key(id)) : undefined;
    }

    async findByUserCode(userCode: string) {
      const id = byUserCode.get(this.key(userCode));
      return id ? read(this.key(id)) : undefined;
    }

    async consume(id: string) {
      const payload = read(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string) {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string) {
      for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
      byGrant.delete(grantId);
    }
  };
}
