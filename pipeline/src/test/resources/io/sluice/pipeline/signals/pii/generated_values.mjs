// Values as test-data generators make them, for PiiGeneratedValuesRecall: every locale of
// @faker-js/faker, phone numbers in its three styles, e-mails, IPv4 and IPv6 addresses, cards, IBANs.
// Usage, in a directory of its own (Node resolves the import next to the script):
//   npm install @faker-js/faker@10.6.0 && cp .../generated_values.mjs . && node generated_values.mjs 30 > values.jsonl
import * as fakers from '@faker-js/faker';

const perLocale = Number(process.argv[2] ?? 30);
for (const [name, f] of Object.entries(fakers)) {
  if (!name.startsWith('faker') || name === 'faker' || name === 'fakerBASE' || name.includes('BORK')) continue;
  const locale = name.slice('faker'.length);
  f.seed(20261128);
  const emit = (kind, v, style) => console.log(JSON.stringify(style ? { locale, kind, style, v } : { locale, kind, v }));
  for (let i = 0; i < perLocale; i++) {
    for (const style of ['human', 'national', 'international']) {
      try { emit('phone', f.phone.number({ style }), style); } catch (e) { /* locale without phone data */ }
    }
    emit('email', f.internet.email());
    emit('ipv4', f.internet.ipv4());
    emit('ipv6', f.internet.ipv6());
    emit('card', f.finance.creditCardNumber());
    try { emit('iban', f.finance.iban({ formatted: i % 2 === 0 })); } catch (e) { /* no IBAN data */ }
  }
}
