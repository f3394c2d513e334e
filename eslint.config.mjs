import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Data flows one way (ARCHITECTURE.md, "Layers"). Each block names what a layer may not import;
// the messages say where the code belongs instead.
const appFromBelow = {
  regex: "^(@/|(\\.\\.?/)+)app(/|$)",
  message: "src/app is the top layer: nothing below it imports from it (move the shared code down, e.g. to src/server/actions or src/lib).",
};
const serverFromUi = {
  regex: "^(@/|(\\.\\.?/)+)server/(?!actions/)",
  allowTypeImports: true,
  message: "UI and src/lib may take types from src/server, not runtime code (a server action in src/server/actions is the door).",
};
const serverFromCatalogue = {
  regex: "^(@/|(\\.\\.?/)+)server(/|$)",
  message: "src/pieces and src/schemas are client-safe and import nothing from src/server.",
};
const databaseFromDoors = [
  {
    regex: "^(@/|(\\.\\.?/)+)server/db/(client|schema)",
    message: "Doors (routers, engine routes, server actions) never touch the database: call a service verb (a door gets its db from src/server/api/context).",
  },
  { regex: "^drizzle-orm(/|$)", message: "Doors never query: put the query in a service verb under src/server/<domain>/." },
];
const neverInBrowser = /^(@\/|(\.\.?\/)+)(server\/(?!actions\/)|pieces\/validators(\/|$)|env$)/;

// A file that starts with "use client" is bundled for the browser wherever it lives (src/app
// included), so it gets the UI's rule: server actions are its only door into src/server.
const house = {
  rules: {
    "no-server-code-in-client": {
      meta: {
        type: "problem",
        schema: [],
        messages: {
          forbidden: '"{{source}}" must never reach a browser bundle: this file starts with "use client". Call a tRPC procedure or a server action instead.',
        },
      },
      create(context) {
        let client = false;
        const check = (node) => {
          if (!client || !node.source || node.importKind === "type" || node.exportKind === "type") return;
          if (neverInBrowser.test(node.source.value)) context.report({ node, messageId: "forbidden", data: { source: node.source.value } });
        };
        return {
          Program(program) {
            const first = program.body[0];
            client = first?.type === "ExpressionStatement" && first.directive === "use client";
          },
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
        };
      },
    },
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      ".data-*/**",
      "drizzle/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      "src/pieces/icons.generated.ts",
      "packages/*/dist/**",
      "**/*.tmp.*",
    ],
  },
  {
    plugins: { house },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "house/no-server-code-in-client": "error",
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // import() types stay allowed: vi.mock(path, async (orig) => orig<typeof import(path)>()) needs them.
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "@typescript-eslint/no-floating-promises": "error",
    },
  },
  {
    files: ["src/components/**", "src/lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [appFromBelow, serverFromUi] }] },
  },
  {
    files: ["src/server/api/routers/**", "src/server/http/routes/**", "src/server/actions/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [appFromBelow, ...databaseFromDoors] }] },
  },
  {
    files: ["src/pieces/**", "src/schemas/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [appFromBelow, serverFromCatalogue] }] },
  },
  {
    // sonner loads with the first toast (src/components/ui/toast.ts), not with every page.
    files: ["src/**"],
    ignores: ["src/components/ui/sonner.tsx", "src/components/ui/toast.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "sonner", message: "Import { toast } from @/components/ui/toast: it loads sonner with the first toast.", allowTypeImports: true }] },
      ],
    },
  },
];

export default config;
