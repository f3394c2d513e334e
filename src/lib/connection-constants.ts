// The connections' enumerations without their validators: the Connections page's first load
// reads these, and importing them from @/schemas would bring zod along (~30 KiB gzip).
export const CONNECTION_STATUSES = ["ACTIVE", "MISSING", "ERROR"] as const;
export const CONNECTION_TYPES = ["SECRET_TEXT", "BASIC", "CUSTOM", "OAUTH2"] as const;
export const CONNECTION_SORTS = ["name", "createdAt", "lastUsedAt"] as const;
