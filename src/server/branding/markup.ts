/**
 * Text that looks like markup or script. Design text is never HTML, but a design carrying it is refused outright.
 *
 * Linear time on any input: the blanks and slashes after `<` are taken by a lookahead whose capture is then
 * matched literally, which the engine cannot backtrack into (an atomic group). The old `<\s*\/?\s*(…)` tried
 * every split of a long run of blanks between its two `\s*` — quadratic per `<`, about 30 s for a 500-object
 * design of `<` and 1,999 spaces.
 */
const MARKUP = /<(?=([\s/]*))\1(?:script|iframe|object|embed|svg|img|style|link|meta|a|body|html)\b|javascript\s*:|\bon[a-z]+\s*=/i;

export function looksLikeMarkup(text: string): boolean {
  return MARKUP.test(text);
}
