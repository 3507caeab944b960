// The app's own words beyond its translation files: what the screens pass checks a visible text
// against, besides every word of renderer/src/i18n/{pl,en}.json.

/** Words that are right in either language: names, abbreviations, the language switch. */
export const wordsOfBothLanguages = [
  'ksef',
  'desk',
  'nip',
  'pesel',
  'xades',
  'mf',
  'pl',
  'en',
  'qr',
  'ec',
  'rsa',
  'crt',
  'pem',
  'id',
]

/**
 * Polish that reaches the screen without passing the translation files: KSeF's own display
 * texts (statuses, session methods, details) and Polish dates. In English they are a defect
 * unless quoted as KSeF's words (marked lang="pl").
 */
export const polishWordsOutsideTranslations = [
  'uwierzytelnianie',
  'zakończone',
  'niepowodzeniem',
  'powodzeniem',
  'brak',
  'przypisanych',
  'uprawnień',
  'podpis',
  'kwalifikowany',
  'kwalifikowana',
  'pieczęć',
  'samopodpisany',
  'stycznia',
  'lutego',
  'marca',
  'kwietnia',
  'maja',
  'czerwca',
  'lipca',
  'sierpnia',
  'września',
  'października',
  'listopada',
  'grudnia',
  // Short months as Intl writes them in Polish dates (mar is English too, so it says nothing).
  'sty',
  'lut',
  'kwi',
  'cze',
  'lip',
  'sie',
  'wrz',
  'paź',
  'lis',
  'gru',
]

/** English that reaches the screen without the translation files: component and browser defaults. */
export const englishWordsOutsideTranslations = [
  'rows',
  'per',
  'page',
  'close',
  'open',
  'clear',
  'loading',
  'previous',
  'next',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  // Short months as Intl writes them in English dates (mar is Polish too, may is above).
  'jan',
  'feb',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
]
