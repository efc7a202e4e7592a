// The console's import rule (STYLE.md, "The web console"): shared -> features -> app, one way.
// `src/components` and `src/lib` never import a feature or the app; a feature never imports
// another feature or the app; code outside its own folder is reached through the `@/` alias.
const tseslint = require('typescript-eslint');

const FEATURES = ['auth', 'inbox', 'requests', 'writer', 'queues', 'supervision', 'admin', 'calendars'];
const upAndOut = { group: ['../../*', '../../../*'], message: 'Reach code outside this folder through @/ (and only what the layer rule allows).' };

module.exports = tseslint.config(
  { ignores: ['dist/**', 'src/lib/api/schema.d.ts'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { 'no-debugger': 'error' },
  },
  {
    files: ['src/components/**/*.{ts,tsx}', 'src/lib/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [upAndOut, { group: ['@/features/*', '@/app/*'], message: 'Shared code (components, lib) never imports a feature or the app.' }] }],
    },
  },
  ...FEATURES.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            upAndOut,
            {
              group: FEATURES.filter((f) => f !== feature).flatMap((f) => [`@/features/${f}`, `@/features/${f}/*`]).concat(['@/app/*']),
              message: `The ${feature} feature never imports another feature or the app (link by URL; share through components/ or lib/).`,
            },
          ],
        },
      ],
    },
  })),
);
