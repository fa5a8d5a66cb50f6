import type { Catalog } from './en.js';

const es: Catalog = {
  'badge.points': { one: '{count} punto', other: '{count} puntos' },
  'badge.label': 'Tus puntos de fidelidad',
  'badge.pending': { one: '{count} punto pendiente, disponible el {date}', other: '{count} puntos pendientes, disponibles el {date}' },
  'badge.noPending': 'No tienes puntos pendientes',
  'badge.expires': { one: '{count} punto caduca el {date}', other: '{count} puntos caducan el {date}' },
  'badge.noExpiry': 'Ningún punto caduca pronto',
  'badge.join': 'Únete y gana',
  'badge.joinHint': 'Únete al programa de recompensas y gana puntos con cada pedido',
  'badge.loading': 'Cargando tus puntos…',
  'badge.stale': 'Mostramos tu último saldo conocido; se actualizará cuando vuelva la conexión.',
  'badge.announce': { one: 'Tu saldo es ahora de {count} punto', other: 'Tu saldo es ahora de {count} puntos' },
  'error.network': 'Las recompensas no están disponibles ahora (sin conexión).',
  'error.timeout': 'Las recompensas tardan demasiado en responder. Inténtalo más tarde.',
  'error.server': 'Las recompensas no están disponibles ahora. Inténtalo más tarde.',
  'error.unavailable': 'Las recompensas no están disponibles ahora. Inténtalo más tarde.',
  'error.rate_limited': 'Demasiadas solicitudes. Espera un momento y vuelve a intentarlo.',
  'error.invalid_response': 'Las recompensas no están disponibles ahora (respuesta inesperada).',
  'error.config': 'Las recompensas aún no están configuradas en esta página.',
  'error.unknown': 'Algo ha fallado con las recompensas. Inténtalo más tarde.',
};
export default es;
