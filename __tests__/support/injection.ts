/**
 * Values that break out of naive string embedding in Python, Scala, R or SQL. The tests pass
 * each one as a parameter and expect the code to see exactly that string.
 */
export const INJECTIONS: Record<string, string> = {
  singleQuote: "it's",
  doubleQuote: 'say "hi"',
  tripleQuotes: 'a"""; import os; os._exit(3); """b',
  tripleSingle: "a'''; raise SystemExit; '''b",
  backslashes: 'C:\\new\\table\\',
  trailingBackslash: 'ends with \\',
  newlines: 'line1\nline2\r\nprint("injected")\n',
  sqlDrop: "'; DROP TABLE users; --",
  sqlComment: "x' OR '1'='1' /* */ --",
  dollar: '${sys.exit(1)} $params "$x"',
  unicode: 'Grüße, 日本語, emoji 🎉, RTL \u202e, zero-width \u200b',
  braces: '{} %s %(x)s {0} \\u0041',
  colonMarker: ':other :name',
  empty: '',
  big: `${'0123456789abcdef"\'\\\n'.repeat(5000)}end`
}
