/**
 * What an audit row says about a settings save: the fields that changed, before → after. A webhook
 * URL is shown by its origin only, because its path or query often is the receiver's credential
 * (chat-app webhooks are); the signing secret appears only as "created" or "rotated".
 */
export function settingsChanges(
  before: { webhookUrl: string | null; emailAdmins: boolean } | undefined,
  after: { webhookUrl: string | null; emailAdmins: boolean; secretCreated: boolean },
): Record<string, unknown> | null {
  const fields: string[] = [];
  const details: Record<string, unknown> = {};
  const urlBefore = before?.webhookUrl ?? null;
  if (urlBefore !== after.webhookUrl) {
    fields.push("webhookUrl");
    details.webhookUrl = { from: originOf(urlBefore), to: originOf(after.webhookUrl) };
  }
  const emailBefore = before?.emailAdmins ?? false;
  if (emailBefore !== after.emailAdmins) {
    fields.push("emailAdmins");
    details.emailAdmins = { from: emailBefore, to: after.emailAdmins };
  }
  if (after.secretCreated) {
    fields.push("webhookSecret");
    details.webhookSecret = "created";
  }
  return fields.length ? { fields, ...details } : null;
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return "(unparseable URL)";
  }
}
