import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { checkTarget, TargetRefusedError } from "./network-policy";
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

/**
 * One GET, redirects not followed (one could carry the secret header to another host), to the
 * address the network policy checked: the socket's lookup answers with it instead of asking DNS
 * again, while the Host header and TLS name stay the URL's.
 */
async function probe(url: string, headers: Record<string, string>, signal: AbortSignal, timeoutMs: number): Promise<{ status: number; ok: boolean }> {
  const target = new URL(url);
  if (target.protocol !== "http:" && target.protocol !== "https:") throw new TargetRefusedError("Base URL must start with http:// or https://.");
  const checked = await checkTarget(target.hostname);
  const lookup: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: checked.address, family: checked.family }]);
    else callback(null, checked.address, checked.family);
  };
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: "GET",
        headers: { accept: "application/json, */*", ...headers },
        lookup,
        // The caller's signal enforces the timeout; this backstop only matters if a caller passes none that fires.
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs + BACKSTOP_MS)]),
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        res.destroy();
        resolve({ status, ok: status >= 200 && status < 300 });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function describeFetchError(error: unknown, url: string): string {
  const host = hostOf(url);
  if (error instanceof TargetRefusedError) return error.message;
  const reason = describeNetworkCode(networkCode(error));
  if (reason === "host not found") return `Host "${new URL(url).hostname}" was not found.`;
  // Closed, filtered, silent or speaking something else: one answer, so this is no port scanner.
  return `Could not connect to ${host}.`;
}

// A refused target or a malformed URL is a setting to fix; anything else that stopped the request
// before an answer (closed, silent, or a port speaking another protocol) reads the same: transient.
const isTransient = (error: unknown) =>
  isTransientError(error) || !(error instanceof TargetRefusedError || (error as { code?: unknown })?.code === "ERR_INVALID_URL");

const rejected = (status: number) => fail(`The server rejected the credentials (HTTP ${status})`);

/** "HTTP (custom headers)": any answer other than 401/403 means the header was not refused. */
export const validateCustomHeaderApi: Validator = async ({ value, signal, timeoutMs, setUnreachableMessage }): Promise<ValidationResult> => {
  const props = customProps(value);
  const baseUrl = props.text("baseUrl") ?? "";
  const headerName = props.text("headerName") ?? "";
  const headerValue = props.text("headerValue") ?? "";
  if (!baseUrl) return fail("Base URL is required.");
  if (!HEADER_NAME.test(headerName)) return fail("Header name is not a valid HTTP header name.");
  if (!HEADER_VALUE.test(headerValue)) return fail("Header value contains characters that HTTP headers cannot carry (such as line breaks).");

  setUnreachableMessage?.(`Could not connect to ${hostOf(baseUrl)}.`);
  let response: { status: number; ok: boolean };
  try {
    response = await probe(baseUrl, { [headerName]: headerValue }, signal, timeoutMs);
  } catch (error) {
    return fail(describeFetchError(error, baseUrl), isTransient(error));
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
export const validateOpenAiCompatible: Validator = async ({ value, signal, timeoutMs, setUnreachableMessage }): Promise<ValidationResult> => {
  const props = customProps(value);
  const baseUrl = (props.text("baseUrl") ?? "").replace(/\/+$/, "");
  const apiKey = props.text("apiKey");
  if (apiKey !== undefined && !HEADER_VALUE.test(apiKey)) return fail("The API key contains characters that HTTP headers cannot carry.");
  if (!baseUrl) return fail("Base URL is required.");
  const url = `${baseUrl}/models`;

  setUnreachableMessage?.(`Could not connect to ${hostOf(url)}.`);
  let response: { status: number; ok: boolean };
  try {
    response = await probe(url, apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal, timeoutMs);
  } catch (error) {
    return fail(describeFetchError(error, url), isTransient(error));
  }
  if (response.status === 401 || response.status === 403) return rejected(response.status);
  if (response.status === 404) return fail(`${hostOf(url)} has no /models endpoint at this base URL: it usually ends in /v1.`);
  if (!response.ok) return fail(`${hostOf(url)} answered HTTP ${response.status} to GET /models.`, response.status >= 500);
  return { ok: true };
};
