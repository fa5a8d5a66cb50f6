import type { Catalog } from './en.js';

const ro: Catalog = {
  'badge.points': { one: '{count} punct', few: '{count} puncte', other: '{count} de puncte' },
  'badge.label': 'Punctele tale de fidelitate',
  'badge.pending': { one: '{count} punct în așteptare, disponibil pe {date}', few: '{count} puncte în așteptare, disponibile pe {date}', other: '{count} de puncte în așteptare, disponibile pe {date}' },
  'badge.noPending': 'Niciun punct în așteptare',
  'badge.expires': { one: '{count} punct expiră pe {date}', few: '{count} puncte expiră pe {date}', other: '{count} de puncte expiră pe {date}' },
  'badge.noExpiry': 'Niciun punct nu expiră în curând',
  'badge.join': 'Înscrie-te și câștigă',
  'badge.joinHint': 'Înscrie-te în programul de recompense și câștigă puncte la fiecare comandă',
  'badge.loading': 'Se încarcă punctele tale…',
  'badge.stale': 'Afișăm ultimul sold cunoscut; se va actualiza când revine conexiunea.',
  'badge.announce': { one: 'Soldul tău este acum de {count} punct', few: 'Soldul tău este acum de {count} puncte', other: 'Soldul tău este acum de {count} de puncte' },
  'error.network': 'Recompensele nu sunt disponibile acum (fără conexiune).',
  'error.timeout': 'Recompensele răspund prea greu. Încearcă din nou mai târziu.',
  'error.server': 'Recompensele nu sunt disponibile acum. Încearcă din nou mai târziu.',
  'error.unavailable': 'Recompensele nu sunt disponibile acum. Încearcă din nou mai târziu.',
  'error.rate_limited': 'Prea multe cereri. Așteaptă puțin și încearcă din nou.',
  'error.invalid_response': 'Recompensele nu sunt disponibile acum (răspuns neașteptat).',
  'error.config': 'Recompensele nu sunt încă configurate pe această pagină.',
  'error.unknown': 'Ceva nu a mers cu recompensele. Încearcă din nou mai târziu.',
};
export default ro;
