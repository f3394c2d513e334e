import { customProps, fail, type ValidationResult, type Validator } from "./types";

const cannotReach = (app: string) => `this server cannot reach ${app} to verify it.`;

/** Internet-only apps: check the key's format and say honestly that nothing more was checked. */
export const validateKeyShape: Validator = async ({ piece, auth, value }): Promise<ValidationResult> => {
  if (auth.type !== "SECRET_TEXT" || value.type !== "SECRET_TEXT") return fail("Expected a key.");
  if (!auth.pattern) return { ok: true, note: `Saved without a check: ${cannotReach(piece.displayName)}` };
  if (!new RegExp(auth.pattern).test(value.secret_text)) {
    const hint = auth.patternHint ? ` ${auth.patternHint}` : "";
    return fail(`The ${piece.displayName} ${auth.displayName} does not have the expected format.${hint}`);
  }
  return { ok: true, note: `Checked the key's format only: ${cannotReach(piece.displayName)}` };
};

/** For credentials with no format to check and no way to try them here. */
export const acceptUnverified: Validator = async ({ piece }) => ({
  ok: true,
  note: `Saved without a check: ${cannotReach(piece.displayName)}`,
});

export const validateMysqlShape: Validator = async ({ value }) => {
  customProps(value);
  return { ok: true, note: "Not tested: this server has no MySQL client installed, so only the fields' format was checked." };
};

export const validateMongoShape: Validator = async ({ value }) => {
  const connectionString = customProps(value).text("connectionString") ?? "";
  if (!/^mongodb(\+srv)?:\/\/\S+$/.test(connectionString)) {
    return fail("The connection string must start with mongodb:// or mongodb+srv://.");
  }
  return { ok: true, note: "Checked the connection string's format only: this server has no MongoDB client to try it." };
};
