// ESLint: typescript-eslint strict (type-aware) plus eslint-plugin-security,
// for the server, the shared contracts, the scripts, the tests and the web app.
import js from '@eslint/js';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'data-demo/', 'coverage/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  security.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Index access with a key from our own code (typed records, arrays) is not injection;
      // the rule flags every `obj[key]` and would drown the real findings.
      'security/detect-object-injection': 'off',
      'no-console': 'error',
    },
  },
  {
    // These read and write only paths the server builds itself from its own
    // location or from MOTCUA_DATA_DIR (operator configuration), never from a request.
    files: ['server/app.ts', 'server/serve.ts', 'server/bootstrap.ts', 'server/version.ts', 'server/i18n/index.ts', 'server/db/embedded.ts'],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
  {
    // Tests and tools print on purpose.
    files: ['**/*.test.ts', 'e2e/**', 'scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off', 'security/detect-non-literal-fs-filename': 'off' },
  },
);
