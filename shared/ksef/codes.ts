// KSeF's own codes — exception codes of 400 answers, authentication and enrollment statuses,
// HTTP statuses, 403 reasons — explained in plain words for an accountant: what happened and
// what to do. Pure data and a lookup; the renderer shows it, the CLI may print it.

export type KsefCodeKind =
  'exception' | 'authStatus' | 'enrollmentStatus' | 'http' | 'forbiddenReason'

export type KsefLanguage = 'pl' | 'en'

export interface KsefCodeText {
  title: string
  explanation: string
  fix: string
}

export type KsefCodeExplanation = Record<KsefLanguage, KsefCodeText>

const t = (pl: [string, string, string], en: [string, string, string]): KsefCodeExplanation => ({
  pl: { title: pl[0], explanation: pl[1], fix: pl[2] },
  en: { title: en[0], explanation: en[1], fix: en[2] },
})

const tryAgainPl =
  'Spróbuj ponownie za kilka minut. Jeśli błąd się powtarza, sprawdź komunikaty MF o dostępności KSeF.'
const tryAgainEn =
  'Try again in a few minutes. If it keeps happening, check MF announcements about KSeF availability.'

const exception: Record<string, KsefCodeExplanation> = {
  '9101': t(
    [
      'Nieprawidłowy dokument',
      'KSeF nie rozpoznał przesłanego żądania autoryzacyjnego jako poprawnego dokumentu.',
      'Pobierz żądanie autoryzacyjne ponownie i podpisz je bez zmieniania treści.',
    ],
    [
      'Invalid document',
      'KSeF did not recognise the authorisation request as a valid document.',
      'Download the authorisation request again and sign it without changing its content.',
    ],
  ),
  '9102': t(
    [
      'Brak podpisu',
      'Przesłane żądanie autoryzacyjne nie jest podpisane.',
      'Podpisz plik podpisem kwalifikowanym, pieczęcią, profilem zaufanym lub certyfikatem KSeF i wczytaj podpisany plik.',
    ],
    [
      'No signature',
      'The authorisation request that was sent is not signed.',
      'Sign the file (qualified signature, seal, trusted profile or KSeF certificate) and load the signed file.',
    ],
  ),
  '9103': t(
    [
      'Zbyt wiele podpisów',
      'Żądanie autoryzacyjne zawiera więcej niż jeden podpis.',
      'Podpisz niepodpisane żądanie tylko raz.',
    ],
    [
      'Too many signatures',
      'The authorisation request carries more than one signature.',
      'Sign the unsigned request once only.',
    ],
  ),
  '9105': t(
    [
      'Nieprawidłowy podpis',
      'KSeF odrzucił podpis: format podpisu jest niezgodny z akceptowanymi profilami XAdES, podpis nie zgadza się z treścią lub użyto niewspieranego algorytmu.',
      'Podpisz żądanie ponownie podpisem XAdES (otoczonym, SHA-256) i nie zmieniaj pliku po podpisaniu. Przy certyfikacie KSeF zaloguj się z poziomu aplikacji.',
    ],
    [
      'Invalid signature',
      'KSeF rejected the signature: its format does not match the accepted XAdES profiles, it does not match the content, or it uses an unsupported algorithm.',
      'Sign the request again with an enveloped XAdES signature (SHA-256) and do not change the file after signing. With a KSeF certificate, log in from the app.',
    ],
  ),
  '21001': t(
    [
      'Nieczytelna treść',
      'KSeF nie mógł odczytać przesłanej treści.',
      'Wyślij plik ponownie; sprawdź, czy to niezmieniony plik XML zapisany w UTF-8.',
    ],
    [
      'Unreadable content',
      'KSeF could not read what was sent.',
      'Send the file again; check that it is the unchanged XML file saved as UTF-8.',
    ],
  ),
  '21111': t(
    [
      'Nieprawidłowe wyzwanie autoryzacyjne',
      'Wyzwanie (challenge) wygasło (żyje 10 minut), zostało już użyte albo pochodzi z innego środowiska.',
      'Pobierz nowe żądanie autoryzacyjne i podpisz je w ciągu 10 minut.',
    ],
    [
      'Invalid challenge',
      'The challenge expired (it lives 10 minutes), was used already, or comes from another environment.',
      'Get a new authorisation request and sign it within 10 minutes.',
    ],
  ),
  '21115': t(
    [
      'Nieprawidłowy certyfikat',
      'KSeF nie przyjął certyfikatu. Możliwe przyczyny: certyfikat z innego środowiska (np. testowy na produkcji); certyfikat samopodpisany poza środowiskiem testowym; w podmiocie certyfikatu samopodpisanego brakuje wymaganego atrybutu (osoba: givenName, surname, serialNumber TINPL-/PNOPL-, CN, C; pieczęć: O, organizationIdentifier VATPL-, CN, C) albo jest atrybut niedozwolony; zbyt słaby klucz (RSA krótszy niż 2048 bitów, nieobsługiwana krzywa EC); wystawca spoza listy zaufanych; certyfikat unieważniony, zablokowany lub wygasły.',
      'Użyj ważnego certyfikatu wydanego dla tego środowiska: certyfikatu KSeF, kwalifikowanego albo — tylko na środowisku testowym — samopodpisanego z pełnym podmiotem i kluczem RSA 2048 lub EC P-256.',
    ],
    [
      'Invalid certificate',
      'KSeF did not accept the certificate. Possible causes: a certificate of another environment (e.g. a test one on production); a self-signed certificate outside the Test environment; a self-signed subject missing a required attribute (a person: givenName, surname, serialNumber TINPL-/PNOPL-, CN, C; a seal: O, organizationIdentifier VATPL-, CN, C) or carrying one not allowed; a weak key (RSA under 2048 bits, an unsupported EC curve); an issuer not on the trusted list; a revoked, blocked or expired certificate.',
      'Use a valid certificate issued for this environment: a KSeF certificate, a qualified one, or — on the Test environment only — a self-signed one with a complete subject and an RSA 2048 or EC P-256 key.',
    ],
  ),
  '21117': t(
    [
      'Identyfikator niezgodny z typem kontekstu',
      'Identyfikator firmy nie pasuje do wybranego typu kontekstu (NIP, identyfikator wewnętrzny…).',
      'Sprawdź NIP lub identyfikator wewnętrzny firmy w jej ustawieniach.',
    ],
    [
      'Identifier does not fit the context type',
      "The company's identifier does not fit the chosen context type (NIP, internal identifier…).",
      "Check the company's NIP or internal identifier in its settings.",
    ],
  ),
  '21217': t(
    [
      'Nieprawidłowe kodowanie znaków',
      'Plik nie jest zapisany w kodowaniu UTF-8.',
      'Zapisz plik w UTF-8 bez zmieniania treści i podpisz go ponownie.',
    ],
    [
      'Wrong character encoding',
      'The file is not encoded as UTF-8.',
      'Save the file as UTF-8 without changing its content and sign it again.',
    ],
  ),
  '21301': t(
    [
      'Brak autoryzacji',
      'Tokeny dostępowe tej operacji zostały już pobrane, jej status na to nie pozwala albo token KSeF unieważniono.',
      'Zaloguj się ponownie.',
    ],
    [
      'Not authorised',
      'The access tokens of this operation were collected already, its status does not allow it, or the KSeF token was revoked.',
      'Log in again.',
    ],
  ),
  '21304': t(
    [
      'Brak uwierzytelnienia',
      'KSeF nie zna tej operacji uwierzytelnienia (mogła wygasnąć lub pochodzić z innego środowiska).',
      'Zaloguj się ponownie.',
    ],
    [
      'Not authenticated',
      'KSeF does not know this authentication operation (it may have expired or belong to another environment).',
      'Log in again.',
    ],
  ),
  '21308': t(
    [
      'Dane osoby zmarłej',
      'Próba użycia metod uwierzytelnienia osoby zmarłej.',
      'Użyj poświadczeń innej osoby uprawnionej do firmy.',
    ],
    [
      "A deceased person's credentials",
      "An attempt to use a deceased person's credentials.",
      'Use the credentials of another person entitled to act for the company.',
    ],
  ),
  '21401': t(
    [
      'Dokument niezgodny ze schematem',
      'Żądanie autoryzacyjne nie jest zgodne ze schematem XSD (szczegóły podaje KSeF).',
      'Pobierz żądanie ponownie z aplikacji i nie zmieniaj jego treści.',
    ],
    [
      'Document does not match the schema',
      'The authorisation request does not match the XSD schema (KSeF gives details).',
      'Get the request again from the app and do not change its content.',
    ],
  ),
  '21405': t(
    [
      'Błąd walidacji danych',
      'KSeF odrzucił dane wejściowe (szczegóły podaje KSeF).',
      'Popraw wskazane dane i spróbuj ponownie.',
    ],
    [
      'Input validation error',
      'KSeF rejected the input (KSeF gives details).',
      'Correct the data it names and try again.',
    ],
  ),
  '21406': t(
    [
      'Konflikt podpisu i typu uwierzytelnienia',
      'Typ identyfikatora podmiotu w żądaniu nie pasuje do certyfikatu, którym je podpisano.',
      'Dla certyfikatu bez NIP/PESEL wybierz identyfikację odciskiem certyfikatu; w przeciwnym razie identyfikację danymi certyfikatu.',
    ],
    [
      'Signature and subject type conflict',
      'The subject identifier type of the request does not fit the certificate that signed it.',
      "For a certificate without NIP/PESEL choose identification by the certificate's fingerprint; otherwise by the certificate subject.",
    ],
  ),
  '21418': t(
    [
      'Nieprawidłowy token kontynuacji',
      'Token stronicowania listy ma nieprawidłowy format.',
      'Odśwież listę od początku.',
    ],
    [
      'Invalid continuation token',
      'The paging token of a list has a wrong format.',
      'Reload the list from the start.',
    ],
  ),
  '21470': t(
    [
      'Nieznany klucz publiczny',
      'Klucz publiczny MF użyty do zaszyfrowania tokena został wycofany.',
      'Spróbuj ponownie: aplikacja pobierze aktualne klucze MF.',
    ],
    [
      'Unknown public key',
      'The MF public key used to encrypt the token was withdrawn.',
      "Try again: the app fetches MF's current keys.",
    ],
  ),
  '25001': t(
    [
      'Dane do wniosku niedostępne',
      'Danych do wniosku o certyfikat nie można pobrać po zalogowaniu tokenem KSeF.',
      'Zaloguj się certyfikatem lub podpisanym żądaniem autoryzacyjnym i spróbuj ponownie.',
    ],
    [
      'Enrollment data unavailable',
      'Certificate enrollment data cannot be read after a KSeF-token login.',
      'Log in with a certificate or a signed authorisation request and try again.',
    ],
  ),
  '25002': t(
    [
      'Wniosek niedostępny dla tej metody logowania',
      'Wniosku o certyfikat nie można złożyć po zalogowaniu tokenem KSeF.',
      'Zaloguj się certyfikatem lub podpisanym żądaniem autoryzacyjnym i złóż wniosek ponownie.',
    ],
    [
      'Enrollment not allowed for this login',
      'A certificate cannot be requested after a KSeF-token login.',
      'Log in with a certificate or a signed authorisation request and request it again.',
    ],
  ),
  '25003': t(
    [
      'Dane CSR niezgodne',
      'Dane w CSR nie zgadzają się z danymi z certyfikatu, którym się zalogowano.',
      'Złóż wniosek ponownie z aplikacji: pobierze ona aktualne dane do wniosku.',
    ],
    [
      'CSR data does not match',
      'The data in the CSR does not match the certificate used to log in.',
      'Request again from the app: it reads the current enrollment data.',
    ],
  ),
  '25004': t(
    [
      'Nieprawidłowy CSR',
      'Format lub podpis CSR jest nieprawidłowy.',
      'Złóż wniosek ponownie z aplikacji.',
    ],
    [
      'Invalid CSR',
      'The format or signature of the CSR is invalid.',
      'Request again from the app.',
    ],
  ),
  '25005': t(
    [
      'Nieznany wniosek',
      'KSeF nie zna wniosku certyfikacyjnego o tym numerze (mógł wygasnąć po 30 dniach).',
      'Złóż nowy wniosek.',
    ],
    [
      'Unknown enrollment',
      'KSeF does not know this enrollment (it may have expired after 30 days).',
      'Request a new certificate.',
    ],
  ),
  '25006': t(
    [
      'Limit wniosków',
      'Osiągnięto limit wniosków o certyfikat.',
      'Sprawdź limity certyfikatów; unieważnij niepotrzebne certyfikaty lub skontaktuj się z MF.',
    ],
    [
      'Enrollment limit reached',
      'The limit of certificate enrollments has been reached.',
      'Check the certificate limits; revoke certificates you do not need or contact MF.',
    ],
  ),
  '25007': t(
    [
      'Limit certyfikatów',
      'Osiągnięto limit posiadanych certyfikatów KSeF.',
      'Unieważnij certyfikaty, których już nie używasz, i spróbuj ponownie.',
    ],
    [
      'Certificate limit reached',
      'The limit of KSeF certificates held has been reached.',
      'Revoke certificates you no longer use and try again.',
    ],
  ),
  '25008': t(
    [
      'Nieznany certyfikat',
      'KSeF nie zna certyfikatu o tym numerze seryjnym wśród certyfikatów zalogowanego podmiotu: numer jest błędny, certyfikat pochodzi z innego środowiska albo wydano go innemu podmiotowi (unieważnić go może tylko jego właściciel).',
      'Sprawdź numer seryjny i środowisko certyfikatu; certyfikat innego podmiotu unieważnij, logując się jako ten podmiot.',
    ],
    [
      'Unknown certificate',
      "KSeF knows no certificate with this serial number among the logged-in subject's: the number is wrong, the certificate is of another environment, or it was issued to another subject (only its owner can revoke it).",
      "Check the certificate's serial number and environment; revoke another subject's certificate by logging in as that subject.",
    ],
  ),
  '25009': t(
    [
      'Certyfikatu nie można unieważnić',
      'Certyfikat jest już unieważniony, zablokowany lub nieważny.',
      'Nic nie trzeba robić; odśwież listę certyfikatów.',
    ],
    [
      'Certificate cannot be revoked',
      'The certificate is already revoked, blocked or expired.',
      'Nothing to do; reload the certificate list.',
    ],
  ),
  '25010': t(
    [
      'Nieprawidłowy klucz',
      'KSeF przyjmuje klucze RSA 2048 bitów albo EC P-256.',
      'Złóż wniosek ponownie z aplikacji (domyślnie EC P-256).',
    ],
    [
      'Invalid key',
      'KSeF accepts RSA 2048-bit or EC P-256 keys.',
      'Request again from the app (EC P-256 by default).',
    ],
  ),
  '25011': t(
    [
      'Nieprawidłowy algorytm podpisu CSR',
      'CSR podpisano algorytmem, którego KSeF nie przyjmuje.',
      'Złóż wniosek ponownie z aplikacji.',
    ],
    [
      'Invalid CSR signature algorithm',
      'The CSR is signed with an algorithm KSeF does not accept.',
      'Request again from the app.',
    ],
  ),
  '26001': t(
    [
      'Brak uprawnień do nadania',
      'Nie można nadać tokenowi uprawnień, których sam nie posiadasz.',
      'Wybierz tylko uprawnienia, które masz w tej firmie.',
    ],
    [
      'Permissions you do not hold',
      'A token cannot get permissions you do not hold yourself.',
      'Choose only permissions you hold in this company.',
    ],
  ),
  '26002': t(
    [
      'Token niedostępny w tym kontekście',
      'Tokeny KSeF można generować tylko w kontekście NIP lub identyfikatora wewnętrznego.',
      'Zaloguj się w kontekście NIP lub identyfikatora wewnętrznego firmy.',
    ],
    [
      'Token not available in this context',
      'KSeF tokens can be generated only in a NIP or internal-identifier context.',
      "Log in to the company's NIP or internal-identifier context.",
    ],
  ),
  '30001': t(
    [
      'Już istnieje',
      'Podmiot lub uprawnienie już istnieje (dane testowe).',
      'Nic nie trzeba robić.',
    ],
    ['Already exists', 'The subject or permission exists already (test data).', 'Nothing to do.'],
  ),
}

const authStatus: Record<string, KsefCodeExplanation> = {
  '100': t(
    [
      'Uwierzytelnianie w toku',
      'KSeF sprawdza podpis lub token. Przy certyfikatach kwalifikowanych może to potrwać, bo KSeF pyta wystawcę o status certyfikatu.',
      'Poczekaj; aplikacja sprawdza status sama.',
    ],
    [
      'Authentication in progress',
      "KSeF is checking the signature or token. With qualified certificates this can take a while, as KSeF asks the issuer about the certificate's status.",
      'Wait; the app checks the status by itself.',
    ],
  ),
  '200': t(
    [
      'Uwierzytelnienie udane',
      'KSeF potwierdził tożsamość i uprawnienia.',
      'Aplikacja pobierze token dostępowy.',
    ],
    [
      'Authentication succeeded',
      'KSeF confirmed the identity and permissions.',
      'The app collects the access token.',
    ],
  ),
  '415': t(
    [
      'Brak uprawnień w tym kontekście',
      'Osoba lub firma z certyfikatu albo tokena nie ma żadnych uprawnień w KSeF dla tej firmy (NIP).',
      'Nadaj uprawnienia w KSeF (np. w Aplikacji Podatnika) albo sprawdź, czy wybrano właściwą firmę i środowisko.',
    ],
    [
      'No permissions in this context',
      'The person or company of the certificate or token has no KSeF permissions for this company (NIP).',
      'Grant permissions in KSeF (e.g. in the taxpayer web app) or check that the right company and environment are chosen.',
    ],
  ),
  '425': t(
    [
      'Uwierzytelnienie unieważnione',
      'Sesję unieważniono (wylogowanie lub unieważnienie sesji).',
      'Zaloguj się ponownie.',
    ],
    [
      'Authentication revoked',
      'The session was revoked (logout or session revocation).',
      'Log in again.',
    ],
  ),
  '450': t(
    [
      'Nieprawidłowy token',
      'Token KSeF jest błędny, unieważniony, nieaktywny, wygenerowany dla innej firmy lub środowiska, albo pochodzi z KSeF 1.0.',
      'Wygeneruj nowy token KSeF 2.0 dla tej firmy i środowiska albo zaloguj się certyfikatem.',
    ],
    [
      'Bad token',
      'The KSeF token is wrong, revoked, inactive, made for another company or environment, or comes from KSeF 1.0.',
      'Generate a new KSeF 2.0 token for this company and environment, or log in with a certificate.',
    ],
  ),
  '460': t(
    [
      'Błąd certyfikatu',
      'Certyfikat jest nieważny, unieważniony, zawieszony albo jego łańcuch jest niezaufany.',
      'Sprawdź ważność certyfikatu i użyj certyfikatu właściwego dla środowiska.',
    ],
    [
      'Certificate error',
      'The certificate is invalid, revoked, suspended, or its chain is not trusted.',
      "Check the certificate's validity and use one meant for this environment.",
    ],
  ),
  '470': t(
    [
      'Uwierzytelnienie nieudane',
      'Próba użycia poświadczeń osoby zmarłej.',
      'Użyj poświadczeń innej uprawnionej osoby.',
    ],
    [
      'Authentication failed',
      "An attempt to use a deceased person's credentials.",
      'Use the credentials of another entitled person.',
    ],
  ),
  '480': t(
    [
      'Uwierzytelnianie zablokowane',
      'KSeF zablokował uwierzytelnianie dla tej firmy z powodu podejrzenia incydentu bezpieczeństwa.',
      'Skontaktuj się z Ministerstwem Finansów.',
    ],
    [
      'Authentication blocked',
      'KSeF blocked authentication for this company over a suspected security incident.',
      'Contact the Ministry of Finance.',
    ],
  ),
  '500': t(
    ['Nieznany błąd', 'KSeF zakończył uwierzytelnianie nieznanym błędem.', tryAgainPl],
    ['Unknown error', 'KSeF ended the authentication with an unknown error.', tryAgainEn],
  ),
  '550': t(
    [
      'Operacja anulowana przez system',
      'KSeF przerwał uwierzytelnianie po swojej stronie.',
      'Zaloguj się ponownie.',
    ],
    ['Cancelled by the system', 'KSeF stopped the authentication on its side.', 'Log in again.'],
  ),
}

const enrollmentStatus: Record<string, KsefCodeExplanation> = {
  '100': t(
    [
      'Wniosek przyjęty',
      'KSeF przetwarza wniosek o certyfikat.',
      'Poczekaj i sprawdź status ponownie.',
    ],
    [
      'Enrollment accepted',
      'KSeF is processing the certificate request.',
      'Wait and check the status again.',
    ],
  ),
  '200': t(
    ['Certyfikat wydany', 'KSeF wydał certyfikat; ma on już numer seryjny.', 'Pobierz certyfikat.'],
    [
      'Certificate issued',
      'KSeF issued the certificate; it has a serial number now.',
      'Retrieve the certificate.',
    ],
  ),
  '400': t(
    [
      'Wniosek odrzucony',
      'KSeF odrzucił wniosek, np. gdy klucz publiczny certyfikowano już dla kogoś innego albo osiągnięto limit certyfikatów.',
      'Złóż nowy wniosek z aplikacji (zawsze z nowym kluczem) lub unieważnij zbędne certyfikaty.',
    ],
    [
      'Enrollment rejected',
      'KSeF rejected the request, e.g. because the public key was certified for someone else or the certificate limit was reached.',
      'Request again from the app (always with a new key) or revoke certificates you do not need.',
    ],
  ),
  '500': t(
    ['Nieznany błąd', 'KSeF zakończył wniosek nieznanym błędem.', tryAgainPl],
    ['Unknown error', 'KSeF ended the request with an unknown error.', tryAgainEn],
  ),
  '550': t(
    [
      'Wniosek anulowany przez system',
      'KSeF przerwał przetwarzanie wniosku.',
      'Złóż wniosek ponownie.',
    ],
    ['Cancelled by the system', 'KSeF stopped processing the request.', 'Request again.'],
  ),
}

const http: Record<string, KsefCodeExplanation> = {
  '401': t(
    [
      'Sesja wygasła',
      'Token dostępowy wygasł, został unieważniony albo go brak.',
      'Zaloguj się ponownie.',
    ],
    ['Session expired', 'The access token expired, was revoked or is missing.', 'Log in again.'],
  ),
  '403': t(
    [
      'Brak dostępu',
      'KSeF odmówił dostępu do tej operacji.',
      'Sprawdź uprawnienia w tej firmie i sposób logowania.',
    ],
    [
      'Access denied',
      'KSeF refused access to this operation.',
      'Check your permissions in this company and the way you logged in.',
    ],
  ),
  '410': t(
    [
      'Status niedostępny',
      'KSeF nie przechowuje już statusu tej operacji (statusy logowania są trzymane 7 dni, wniosków 30 dni).',
      'Wykonaj operację ponownie.',
    ],
    [
      'Status no longer kept',
      'KSeF no longer keeps the status of this operation (logins 7 days, enrollments 30 days).',
      'Start the operation again.',
    ],
  ),
  '429': t(
    [
      'Zbyt wiele żądań',
      'Przekroczono limit zapytań do KSeF; kolejne przekroczenia wydłużają blokadę.',
      'Poczekaj wskazany czas, zanim spróbujesz ponownie.',
    ],
    [
      'Too many requests',
      'The KSeF request limit was exceeded; further breaches lengthen the block.',
      'Wait the given time before trying again.',
    ],
  ),
  '5xx': t(
    [
      'KSeF niedostępny',
      'Serwer KSeF nie odpowiada poprawnie (awaria lub prace serwisowe; środowisko testowe bywa wyłączane 16:00–18:00).',
      tryAgainPl,
    ],
    [
      'KSeF unavailable',
      'The KSeF server does not answer properly (an outage or maintenance; Test may be down 16:00–18:00).',
      tryAgainEn,
    ],
  ),
}

const forbiddenReason: Record<string, KsefCodeExplanation> = {
  'missing-permissions': t(
    [
      'Brak wymaganych uprawnień',
      'Zalogowana osoba nie ma uprawnień potrzebnych do tej operacji w tej firmie.',
      'Poproś właściciela o nadanie uprawnień albo użyj tokena lub certyfikatu z odpowiednimi uprawnieniami.',
    ],
    [
      'Missing permissions',
      'The logged-in person lacks the permissions this operation needs in this company.',
      'Ask the owner to grant them, or use a token or certificate that has them.',
    ],
  ),
  'ip-not-allowed': t(
    [
      'Niedozwolony adres IP',
      'Sesję ograniczono do innych adresów IP niż obecny (np. po zmianie sieci lub VPN).',
      'Zaloguj się ponownie z obecnej sieci.',
    ],
    [
      'IP address not allowed',
      'The session is restricted to IP addresses other than the current one (e.g. after a network or VPN change).',
      'Log in again from the current network.',
    ],
  ),
  'insufficient-resource-access': t(
    [
      'Brak dostępu do zasobu',
      'Zalogowana osoba nie ma dostępu do wskazanego zasobu.',
      'Sprawdź, czy zasób należy do tej firmy.',
    ],
    [
      'No access to the resource',
      'The logged-in person has no access to this resource.',
      'Check that the resource belongs to this company.',
    ],
  ),
  'auth-method-not-allowed': t(
    [
      'Niedostępne dla tej metody logowania',
      'Ta operacja nie jest dostępna po zalogowaniu użytą metodą (np. tokenem KSeF).',
      'Zaloguj się certyfikatem lub podpisanym żądaniem autoryzacyjnym.',
    ],
    [
      'Not available for this login method',
      'This operation is not available after this kind of login (e.g. a KSeF token).',
      'Log in with a certificate or a signed authorisation request.',
    ],
  ),
  'security-service-blocked': t(
    [
      'Zablokowane przez zabezpieczenia',
      'Mechanizmy bezpieczeństwa KSeF zablokowały żądanie.',
      'Skontaktuj się z Ministerstwem Finansów, podając identyfikator incydentu.',
    ],
    [
      'Blocked by security',
      'KSeF security mechanisms blocked the request.',
      'Contact the Ministry of Finance with the incident identifier.',
    ],
  ),
  'context-type-not-allowed': t(
    [
      'Niedostępne dla tego typu kontekstu',
      'Operacja nie jest dostępna dla typu kontekstu, w którym się zalogowano.',
      'Zaloguj się w kontekście NIP firmy.',
    ],
    [
      'Not available for this context type',
      'The operation is not available in the context type you logged in to.',
      "Log in to the company's NIP context.",
    ],
  ),
}

export const ksefCodes: Readonly<
  Record<KsefCodeKind, Readonly<Record<string, KsefCodeExplanation>>>
> = {
  exception,
  authStatus,
  enrollmentStatus,
  http,
  forbiddenReason,
}

/** The explanation of a KSeF code, or undefined when KSeF has not documented it. */
export function findKsefCode(
  kind: KsefCodeKind,
  code: number | string,
): KsefCodeExplanation | undefined {
  const key = kind === 'http' && Number(code) >= 500 ? '5xx' : String(code)
  return ksefCodes[kind][key]
}

/** The explanation of a KSeF code; an undocumented code gets a generic one that names it. */
export function explainKsefCode(kind: KsefCodeKind, code: number | string): KsefCodeExplanation {
  return (
    findKsefCode(kind, code) ??
    t(
      [
        `Kod KSeF ${code}`,
        `KSeF zwrócił kod ${code}, którego aplikacja nie zna.`,
        'Spróbuj ponownie; jeśli błąd się powtarza, zgłoś kod i identyfikator błędu do MF.',
      ],
      [
        `KSeF code ${code}`,
        `KSeF returned code ${code}, which the app does not know.`,
        'Try again; if it keeps happening, report the code and the error identifier to MF.',
      ],
    )
  )
}
