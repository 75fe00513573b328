// The command line's language: --lang en|zh anywhere among the arguments, otherwise the locale
// (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them): zh* → Chinese, anything else English.
import { CLI } from "../engine/messages";
import { langOf, tr, type Lang } from "../engine/text";

export class LangError extends Error {}

export function cliLang(argv: readonly string[], env: NodeJS.ProcessEnv): { lang: Lang; argv: string[] } {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  let lang = langOf(locale);
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--lang(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[1] ?? argv[++i] ?? "";
    if (value !== "en" && value !== "zh") throw new LangError(tr(CLI.badLang(value), lang));
    lang = value;
  }
  return { lang, argv: rest };
}
