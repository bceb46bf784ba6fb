// ESLint flat config for the whole monorepo (`pnpm lint` = `eslint . --max-warnings=0`).
// Not type-aware on purpose: it stays fast; `pnpm typecheck` covers the types.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { boundaryConfigs } from "./eslint/boundaries.mjs";

export default defineConfig(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/.turbo/**",
      "**/dist/**",
      "**/coverage/**",
      "**/next-env.d.ts",
      "packages/db/src/generated/**",
      "packages/client/src/generated/**",
      ".data/**",
      ".bench/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are intentionally unused (e.g. `(_req, res) => ...`, `[_first, second]`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // React components and hooks (the Next.js apps and the UI package).
  {
    files: ["**/*.tsx", "**/*.jsx"],
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },

  // The customer site's links don't prefetch (see apps/customer/src/lib/link.tsx).
  {
    files: ["apps/customer/src/**/*.tsx"],
    ignores: ["apps/customer/src/lib/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "next/link", message: "Use ~/lib/link: a link that doesn't prefetch." }],
        },
      ],
    },
  },

  // Tests and test helpers may use `any` for fakes and partial mocks.
  {
    files: ["**/*.test.ts", "**/*.test.tsx", "**/*.spec.ts", "**/testing/**", "tests/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },

  // Who may import whom: apps -> api -> core -> db (see eslint/boundaries.mjs).
  ...boundaryConfigs(),

  // Plain CommonJS files (e.g. a postcss.config.cjs).
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
