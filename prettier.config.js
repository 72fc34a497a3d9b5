/**
 * Prettier, set to the style the code was written in: no semicolons, single quotes, no trailing commas,
 * and long lines (most of the code stays under 200 columns; a line of table data or a message may not).
 * `npm run format:check` runs in CI; `npm run format` rewrites. What it leaves alone is in .prettierignore.
 * @type {import('prettier').Config}
 */
export default {
  semi: false,
  singleQuote: true,
  trailingComma: 'none',
  printWidth: 200,
  arrowParens: 'always'
}
