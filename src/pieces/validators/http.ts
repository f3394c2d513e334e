import { customProps, describeNetworkCode, fail, isTransientError, networkCode, type ValidationResult, type Validator } from "./types";

const BACKSTOP_MS = 1000;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space, tab and obs-text; notably no CR/LF.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

async function probe(url: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number) {
  const response = await fetch(url, {
    method: "GET",
    headers: { accept: "application/json, */*", ...headers },
    // Following a redirect could carry the secret header to another host.
    redirect: "manual",
    // The caller's signal enforces the timeout; this backstop only matters if a caller passes none that fires.
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs + BACKSTOP_MS)]),
  });
  await response.body?.cancel().catch(() => {});
  return response;
}

function describeFetchError(error: unknown, url: string): string {
  const host = hostOf(url);
  const { name } = (error ?? {}) as { name?: unknown };
  if (name === "TimeoutError" || name === "AbortError") return `${host} did not answer in time.`;
  const reason = describeNetworkCode(networkCode(error));
  return reason ? `Could not reach ${host} (${reason}).` : `Could not reach ${host}.`;
}

const rejected = (status: number) => fail(`The server rejected the credentials (HTTP ${status})`);

/** "HTTP (custom headers)": any answer other than 401/403 means the header was not refused. */
export const validateCustomHeaderApi: Validator = async ({ value, signal, timeoutMs }): Promise<ValidationResult> => {
  const props = customProps(value);
  const baseUrl = props.text("baseUrl") ?? "";
  const headerName = props.text("headerName") ?? "";
  const headerValue = props.text("headerValue") ?? "";
  if (!baseUrl) return fail("Base URL is required.");
  if (!HEADER_NAME.test(headerName)) return fail("Header name is not a valid HTTP header name.");
  if (!HEADER_VALUE.test(headerValue)) return fail("Header value contains characters that HTTP headers cannot carry (such as line breaks).");

  let response: Response;
  try {
    response = await probe(baseUrl, { [headerName]: headerValue }, signal, timeoutMs);
  } catch (error) {
    return fail(describeFetchError(error, baseUrl), isTransientError(error));
  }
  if (response.status === 401 || response.status === 403) return rejected(response.status);
  if (response.status >= 500) return fail(`${hostOf(baseUrl)} answered HTTP ${response.status}: it could not check the header now.`, true);
  if (response.status >= 300 && response.status < 400) {
    return { ok: true, note: `${hostOf(baseUrl)} answered with a redirect (HTTP ${response.status}); the header was not checked further.` };
  }
  if (!response.ok) {
    return { ok: true, note: `${hostOf(baseUrl)} answered HTTP ${response.status} but did not reject the header.` };
  }
  return { ok: true };
};

/** "OpenAI-compatible": GET {baseUrl}/models must succeed. */
export const validateOpenAiCompatible: Validator = async ({ value, signal, timeoutMs }): Promise<ValidationResult> => {
  const props = customProps(value);
  const baseUrl = (props.text("baseUrl") ?? "").replace(/\/+$/, "");
  const apiKey = props.text("apiKey");
  if (apiKey !== undefined && !HEADER_VALUE.test(apiKey)) return fail("The API key contains characters that HTTP headers cannot carry.");
  if (!baseUrl) return fail("Base URL is required.");
  const url = `${baseUrl}/models`;

  let response: Response;
  try {
    response = await probe(url, apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal, timeoutMs);
  } catch (error) {
    return fail(describeFetchError(error, url), isTransientError(error));
  }
  if (response.status === 401 || response.status === 403) return rejected(response.status);
  if (response.status === 404) return fail(`${hostOf(url)} has no /models endpoint at this base URL: it usually ends in /v1.`);
  if (!response.ok) return fail(`${hostOf(url)} answered HTTP ${response.status} to GET /models.`, response.status >= 500);
  return { ok: true };
};
