import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as simpleIcons from "simple-icons";
import { describe, expect, it } from "vitest";
import { brandIconSvg, brandIconUrl } from "./brand-icon-svg";
import { cataloguePieces } from "./catalogue";
import { getPiece, listPieces, pieces } from "./index";
import { getPieceSummary, listConnectablePieceSummaries } from "./summaries";
import { pieceSummaries } from "./summaries.generated";
import { summarizePieces } from "./summary";
import type { AuthProp, PieceAuth } from "./types";

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HEX = /^#[0-9A-Fa-f]{6}$/;
const PUBLIC = path.resolve(import.meta.dirname, "../../public");
const REGENERATE = "run scripts/generate-piece-icons.ts";

function simpleIcon(slug: string): { hex: string; path: string } | undefined {
  return (Object.values(simpleIcons) as { slug?: string; hex: string; path: string }[]).find((icon) => icon?.slug === slug);
}

function propProblems(key: string, prop: AuthProp): string[] {
  const problems: string[] = [];
  if (!prop.displayName) problems.push(`${key}: no displayName`);
  if (prop.type === "dropdown") {
    if (!prop.options?.length) problems.push(`${key}: dropdown without options`);
    if (prop.defaultValue !== undefined && !prop.options?.some((o) => o.value === prop.defaultValue)) {
      problems.push(`${key}: default not among options`);
    }
  }
  if (prop.type === "number" && prop.defaultValue !== undefined && typeof prop.defaultValue !== "number") {
    problems.push(`${key}: number default is not a number`);
  }
  return problems;
}

function authProblems(auth: PieceAuth): string[] {
  const problems: string[] = [];
  if (!auth.displayName.trim() || !auth.description.trim()) problems.push("missing displayName/description");
  switch (auth.type) {
    case "SECRET_TEXT":
      if (auth.description.length < 30) problems.push("description does not say where to find the key");
      if (auth.pattern !== undefined) {
        new RegExp(auth.pattern);
        if (!auth.pattern.startsWith("^") || !auth.pattern.endsWith("$")) problems.push("pattern not anchored");
        if (!auth.patternHint) problems.push("pattern without hint");
      }
      break;
    case "BASIC":
      if (!auth.username.displayName || !auth.password.displayName) problems.push("unlabelled basic fields");
      break;
    case "CUSTOM":
      if (Object.keys(auth.props).length === 0) problems.push("custom auth without props");
      for (const [key, prop] of Object.entries(auth.props)) problems.push(...propProblems(key, prop));
      break;
    case "OAUTH2":
      if (auth.authUrl === "" && auth.tokenUrl === "") {
        // The client credentials grant has no authorize step, so no authorization URL.
        const needsAuthUrl = auth.grantType === "authorization_code";
        if ((needsAuthUrl && auth.props?.authUrl?.type !== "url") || auth.props?.tokenUrl?.type !== "url") problems.push("custom OAuth2 without URL props");
      } else {
        for (const url of [auth.authUrl, auth.tokenUrl]) if (new URL(url).protocol !== "https:") problems.push(`${url} is not https`);
      }
      for (const [key, prop] of Object.entries(auth.props ?? {})) problems.push(...propProblems(key, prop));
      break;
  }
  return problems;
}

describe("piece catalogue", () => {
  it("has at least 32 real apps plus no-auth core pieces", () => {
    expect(pieces.filter((p) => p.auths.length > 0).length).toBeGreaterThanOrEqual(32);
    expect(pieces.filter((p) => p.auths.length === 0).map((p) => p.name)).toEqual(
      expect.arrayContaining(["http-request", "webhook", "schedule", "data-mapper"]),
    );
  });

  it("gives every piece a unique kebab-case name", () => {
    const names = pieces.map((p) => p.name);
    for (const name of names) expect(name).toMatch(KEBAB);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives every piece a letter badge and, for brand slugs, a generated icon file", () => {
    for (const piece of pieces) {
      expect(piece.icon.letter.length, piece.name).toBeGreaterThanOrEqual(1);
      expect(piece.icon.letter.length, piece.name).toBeLessThanOrEqual(2);
      expect(piece.icon.color, piece.name).toMatch(HEX);
      if (piece.icon.slug) {
        const brand = simpleIcon(piece.icon.slug);
        expect(brand, `${piece.name}: simple-icons has no ${piece.icon.slug}`).toBeDefined();
        const file = path.join(PUBLIC, brandIconUrl(piece.icon.slug));
        expect(existsSync(file), `${piece.name}: ${REGENERATE}`).toBe(true);
        expect(readFileSync(file, "utf8"), `${piece.name}: ${REGENERATE}`).toBe(brandIconSvg(brand!));
      }
    }
  });

  it("ships only the icons the catalogue uses", () => {
    const used = new Set(cataloguePieces.flatMap((p) => (p.icon.slug ? [`${p.icon.slug}.svg`] : [])));
    expect(readdirSync(path.join(PUBLIC, "piece-icons")).sort()).toEqual([...used].sort());
  });

  it("keeps the light summaries in step with the catalogue", () => {
    expect(pieceSummaries, REGENERATE).toEqual(summarizePieces(cataloguePieces));
    expect(getPieceSummary("postgres")?.displayName).toBe("PostgreSQL");
    expect(getPieceSummary("nope")).toBeUndefined();
    const connectable = listConnectablePieceSummaries().map((p) => p.name);
    expect(connectable).toEqual(
      listPieces()
        .filter((p) => p.auths.length > 0)
        .map((p) => p.name),
    );
    expect(connectable).not.toContain("webhook");
  });

  it("has well-formed auths", () => {
    for (const piece of pieces) {
      for (const auth of piece.auths) expect(authProblems(auth), `${piece.name} ${auth.type}`).toEqual([]);
    }
  });

  it("covers every auth type, and some apps offer two", () => {
    const types = new Set(pieces.flatMap((p) => p.auths.map((a) => a.type)));
    expect([...types].sort()).toEqual(["BASIC", "CUSTOM", "OAUTH2", "SECRET_TEXT"]);
    for (const name of ["github", "slack", "airtable"]) {
      expect(
        getPiece(name)!
          .auths.map((a) => a.type)
          .sort(),
      ).toEqual(["OAUTH2", "SECRET_TEXT"]);
    }
  });

  it("uses the providers' real OAuth2 endpoints", () => {
    const oauth = (name: string) => getPiece(name)!.auths.find((a) => a.type === "OAUTH2") as Extract<PieceAuth, { type: "OAUTH2" }>;
    expect(oauth("gmail")).toMatchObject({
      authUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      extraAuthParams: { access_type: "offline", prompt: "consent" },
    });
    expect(oauth("slack").tokenUrl).toBe("https://slack.com/api/oauth.v2.access");
    expect(oauth("microsoft-teams").authUrl).toBe("https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
    expect(oauth("notion").tokenUrl).toBe("https://api.notion.com/v1/oauth/token");
    expect(oauth("salesforce").authUrl).toBe("https://login.salesforce.com/services/oauth2/authorize");
  });

  it("recognises real key shapes", () => {
    const pattern = (name: string) => {
      const auth = getPiece(name)!.auths.find((a) => a.type === "SECRET_TEXT");
      return new RegExp((auth as { pattern: string }).pattern);
    };
    expect(pattern("openai").test("sk-proj-" + "a".repeat(40))).toBe(true);
    expect(pattern("anthropic").test("sk-ant-api03-" + "b".repeat(40))).toBe(true);
    expect(pattern("stripe").test("sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc")).toBe(true);
    expect(pattern("stripe").test("pk_test_" + "4eC39HqLyjWDarjtT1zdp7dc")).toBe(false);
    expect(pattern("sendgrid").test("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")).toBe(true);
    expect(pattern("telegram-bot").test("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw")).toBe(true);
    expect(pattern("airtable").test("patAbCdEfGhIjKlMn0." + "0123456789abcdef".repeat(4))).toBe(true);
  });

  it("looks pieces up by name and lists them sorted", () => {
    expect(getPiece("postgres")?.displayName).toBe("PostgreSQL");
    expect(getPiece("nope")).toBeUndefined();
    const listed = listPieces().map((p) => p.displayName);
    expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b)));
    expect(listed).toHaveLength(pieces.length);
  });
});
