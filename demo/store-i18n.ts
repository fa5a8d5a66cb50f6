/** The demo store's own words (not Fidelio's): enough to see every locale end to end. */
export type StoreLocale = 'en' | 'es' | 'ro' | 'zh-CN';

export const TEXT: Record<StoreLocale, Record<string, string>> = {
  en: {
    'tools.kpis': 'Program KPIs', 'tools.outbox': 'Email outbox ({count} written)', 'kpi.revenue': 'Revenue (last 12 months)', 'kpi.orders': 'Orders / unique customers', 'kpi.aov': 'Average order value', 'kpi.frequency': 'Purchase frequency', 'kpi.customerValue': 'Customer value', 'kpi.clv': 'Customer lifetime value ({years} years)', 'kpi.adoption': 'Adoption rate (members / customers)', 'kpi.redemption': 'Redemption rate', 'kpi.retention': 'Customer retention rate', 'kpi.churn': 'Churn', 'kpi.churnValue': '{customers} ({rate}), {lost} ({share} of value)',
    'demo.join': 'Join rewards', 'tools.title': "Demo controls (the merchant's side)", 'tools.lede': "These stand in for the store's own server and for time passing.", 'tools.travel': 'Advance 30 days', 'tools.reset': 'Reset demo data', 'tools.travelled': 'The backend is now {days} days ahead.', 'tools.resetDone': 'Demo data reset.', 'checkout.place': 'Place order', 'checkout.placed': 'Order {id} placed: its points are pending for the return window.', 'checkout.needItems': 'Add something to your cart first.',
    'nav.shop': 'Shop', 'nav.checkout': 'Checkout', 'nav.rewards': 'My rewards', 'demo.signIn': 'Sign in as demo shopper', 'demo.signOut': 'Sign out',
    'demo.language': 'Language', 'shop.title': 'Plants that stay with you',
    'shop.lede': 'Members earn 1 point for every $10 and redeem 100 points for $10 off.', 'shop.add': 'Add to cart', 'shop.added': 'Added ✓',
    'checkout.title': 'Checkout', 'checkout.item': 'Item', 'checkout.qty': 'Qty', 'checkout.total': 'Total', 'checkout.empty': 'Your cart is empty.',
    'checkout.subtotal': 'Subtotal', 'checkout.points': 'Your points:', 'checkout.shipping': 'Shipping', 'checkout.orderTotal': 'Order total',
    'foot.note': "Demo store — every answer comes from Fidelio's reference backend running in this page.",
  },
  es: {
    'tools.kpis': 'Indicadores del programa', 'tools.outbox': 'Correos enviados ({count} escritos)', 'kpi.revenue': 'Ingresos (últimos 12 meses)', 'kpi.orders': 'Pedidos / clientes únicos', 'kpi.aov': 'Valor medio del pedido', 'kpi.frequency': 'Frecuencia de compra', 'kpi.customerValue': 'Valor del cliente', 'kpi.clv': 'Valor del cliente a lo largo de su vida ({years} años)', 'kpi.adoption': 'Tasa de adopción (miembros / clientes)', 'kpi.redemption': 'Tasa de canje', 'kpi.retention': 'Tasa de retención de clientes', 'kpi.churn': 'Abandono', 'kpi.churnValue': '{customers} ({rate}), {lost} ({share} del valor)',
    'demo.join': 'Únete al programa', 'tools.title': 'Controles de la demo (lado del comercio)', 'tools.lede': 'Sustituyen al servidor de la tienda y al paso del tiempo.', 'tools.travel': 'Avanzar 30 días', 'tools.reset': 'Restablecer datos de la demo', 'tools.travelled': 'El backend va ahora {days} días por delante.', 'tools.resetDone': 'Datos de la demo restablecidos.', 'checkout.place': 'Realizar pedido', 'checkout.placed': 'Pedido {id} realizado: sus puntos quedan pendientes durante el plazo de devolución.', 'checkout.needItems': 'Primero añade algo al carrito.',
    'nav.shop': 'Tienda', 'nav.checkout': 'Pagar', 'nav.rewards': 'Mis recompensas', 'demo.signIn': 'Entrar como cliente de prueba', 'demo.signOut': 'Cerrar sesión',
    'demo.language': 'Idioma', 'shop.title': 'Plantas que se quedan contigo',
    'shop.lede': 'Los socios ganan 1 punto por cada 10 $ y canjean 100 puntos por 10 $ de descuento.', 'shop.add': 'Añadir al carrito', 'shop.added': 'Añadido ✓',
    'checkout.title': 'Pago', 'checkout.item': 'Artículo', 'checkout.qty': 'Cant.', 'checkout.total': 'Total', 'checkout.empty': 'Tu carrito está vacío.',
    'checkout.subtotal': 'Subtotal', 'checkout.points': 'Tus puntos:', 'checkout.shipping': 'Envío', 'checkout.orderTotal': 'Total del pedido',
    'foot.note': 'Tienda de demostración: todas las respuestas vienen del backend de referencia de Fidelio que se ejecuta en esta página.',
  },
  ro: {
    'tools.kpis': 'Indicatorii programului', 'tools.outbox': 'E-mailuri trimise ({count} scrise)', 'kpi.revenue': 'Venituri (ultimele 12 luni)', 'kpi.orders': 'Comenzi / clienți unici', 'kpi.aov': 'Valoarea medie a comenzii', 'kpi.frequency': 'Frecvența cumpărărilor', 'kpi.customerValue': 'Valoarea clientului', 'kpi.clv': 'Valoarea clientului pe toată durata relației ({years} ani)', 'kpi.adoption': 'Rata de adopție (membri / clienți)', 'kpi.redemption': 'Rata de răscumpărare', 'kpi.retention': 'Rata de retenție a clienților', 'kpi.churn': 'Clienți pierduți', 'kpi.churnValue': '{customers} ({rate}), {lost} ({share} din valoare)',
    'demo.join': 'Înscrie-te în program', 'tools.title': 'Comenzi demo (partea comerciantului)', 'tools.lede': 'Țin locul serverului magazinului și al trecerii timpului.', 'tools.travel': 'Avansează 30 de zile', 'tools.reset': 'Resetează datele demo', 'tools.travelled': 'Backendul este acum cu {days} zile înainte.', 'tools.resetDone': 'Datele demo au fost resetate.', 'checkout.place': 'Plasează comanda', 'checkout.placed': 'Comanda {id} a fost plasată: punctele ei sunt în așteptare pe durata perioadei de retur.', 'checkout.needItems': 'Adaugă mai întâi ceva în coș.',
    'nav.shop': 'Magazin', 'nav.checkout': 'Finalizare comandă', 'nav.rewards': 'Recompensele mele', 'demo.signIn': 'Intră ca client demo', 'demo.signOut': 'Ieși din cont',
    'demo.language': 'Limba', 'shop.title': 'Plante care rămân cu tine',
    'shop.lede': 'Membrii câștigă 1 punct la fiecare 10 $ și primesc 10 $ reducere pentru 100 de puncte.', 'shop.add': 'Adaugă în coș', 'shop.added': 'Adăugat ✓',
    'checkout.title': 'Finalizare comandă', 'checkout.item': 'Produs', 'checkout.qty': 'Buc.', 'checkout.total': 'Total', 'checkout.empty': 'Coșul tău este gol.',
    'checkout.subtotal': 'Subtotal', 'checkout.points': 'Punctele tale:', 'checkout.shipping': 'Livrare', 'checkout.orderTotal': 'Total comandă',
    'foot.note': 'Magazin demo — toate răspunsurile vin de la backendul de referință Fidelio care rulează în această pagină.',
  },
  'zh-CN': {
    'tools.kpis': '计划关键指标', 'tools.outbox': '邮件发件箱（已写 {count} 封）', 'kpi.revenue': '收入（最近 12 个月）', 'kpi.orders': '订单 / 独立客户', 'kpi.aov': '平均订单金额', 'kpi.frequency': '购买频率', 'kpi.customerValue': '客户价值', 'kpi.clv': '客户终身价值（{years} 年）', 'kpi.adoption': '采用率（会员 / 客户）', 'kpi.redemption': '兑换率', 'kpi.retention': '客户留存率', 'kpi.churn': '客户流失', 'kpi.churnValue': '{customers}（{rate}），{lost}（占价值的 {share}）',
    'demo.join': '加入会员', 'tools.title': '演示控制（商家端）', 'tools.lede': '用来代替商店自己的服务器以及时间的流逝。', 'tools.travel': '前进 30 天', 'tools.reset': '重置演示数据', 'tools.travelled': '后端时间现已提前 {days} 天。', 'tools.resetDone': '演示数据已重置。', 'checkout.place': '提交订单', 'checkout.placed': '订单 {id} 已提交：退货期内积分处于待生效状态。', 'checkout.needItems': '请先将商品加入购物车。',
    'nav.shop': '商店', 'nav.checkout': '结账', 'nav.rewards': '我的奖励', 'demo.signIn': '以演示顾客身份登录', 'demo.signOut': '退出登录',
    'demo.language': '语言', 'shop.title': '陪伴你的绿植',
    'shop.lede': '会员每消费 10 美元得 1 积分，100 积分可抵 10 美元。', 'shop.add': '加入购物车', 'shop.added': '已加入 ✓',
    'checkout.title': '结账', 'checkout.item': '商品', 'checkout.qty': '数量', 'checkout.total': '金额', 'checkout.empty': '购物车是空的。',
    'checkout.subtotal': '小计', 'checkout.points': '您的积分：', 'checkout.shipping': '运费', 'checkout.orderTotal': '订单总额',
    'foot.note': '演示商店：所有数据都来自在本页面中运行的 Fidelio 参考后端。',
  },
};

export function storeText(locale: StoreLocale, key: string, params: Record<string, string | number> = {}): string {
  const text = TEXT[locale][key] ?? TEXT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
