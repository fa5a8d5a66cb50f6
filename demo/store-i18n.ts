/** The demo store's own words (not Fidelio's): enough to see every locale end to end. */
export type StoreLocale = 'en' | 'es' | 'ro' | 'zh-CN';

const TEXT: Record<StoreLocale, Record<string, string>> = {
  en: {
    'nav.shop': 'Shop', 'nav.checkout': 'Checkout', 'demo.signIn': 'Sign in as demo shopper', 'demo.signOut': 'Sign out',
    'demo.language': 'Language', 'shop.title': 'Plants that stay with you',
    'shop.lede': 'Members earn 1 point for every $10 and redeem 1 point for $1.', 'shop.add': 'Add to cart', 'shop.added': 'Added ✓',
    'checkout.title': 'Checkout', 'checkout.item': 'Item', 'checkout.qty': 'Qty', 'checkout.total': 'Total', 'checkout.empty': 'Your cart is empty.',
    'checkout.subtotal': 'Subtotal', 'checkout.points': 'Your points:',
    'foot.note': "Demo store — every answer comes from Fidelio's reference backend running in this page.",
  },
  es: {
    'nav.shop': 'Tienda', 'nav.checkout': 'Pagar', 'demo.signIn': 'Entrar como cliente de prueba', 'demo.signOut': 'Cerrar sesión',
    'demo.language': 'Idioma', 'shop.title': 'Plantas que se quedan contigo',
    'shop.lede': 'Los socios ganan 1 punto por cada 10 $ y canjean 1 punto por 1 $.', 'shop.add': 'Añadir al carrito', 'shop.added': 'Añadido ✓',
    'checkout.title': 'Pago', 'checkout.item': 'Artículo', 'checkout.qty': 'Cant.', 'checkout.total': 'Total', 'checkout.empty': 'Tu carrito está vacío.',
    'checkout.subtotal': 'Subtotal', 'checkout.points': 'Tus puntos:',
    'foot.note': 'Tienda de demostración: todas las respuestas vienen del backend de referencia de Fidelio que se ejecuta en esta página.',
  },
  ro: {
    'nav.shop': 'Magazin', 'nav.checkout': 'Finalizare comandă', 'demo.signIn': 'Intră ca client demo', 'demo.signOut': 'Ieși din cont',
    'demo.language': 'Limba', 'shop.title': 'Plante care rămân cu tine',
    'shop.lede': 'Membrii câștigă 1 punct la fiecare 10 $ și folosesc 1 punct ca 1 $.', 'shop.add': 'Adaugă în coș', 'shop.added': 'Adăugat ✓',
    'checkout.title': 'Finalizare comandă', 'checkout.item': 'Produs', 'checkout.qty': 'Buc.', 'checkout.total': 'Total', 'checkout.empty': 'Coșul tău este gol.',
    'checkout.subtotal': 'Subtotal', 'checkout.points': 'Punctele tale:',
    'foot.note': 'Magazin demo — toate răspunsurile vin de la backendul de referință Fidelio care rulează în această pagină.',
  },
  'zh-CN': {
    'nav.shop': '商店', 'nav.checkout': '结账', 'demo.signIn': '以演示顾客身份登录', 'demo.signOut': '退出登录',
    'demo.language': '语言', 'shop.title': '陪伴你的绿植',
    'shop.lede': '会员每消费 10 美元得 1 积分，1 积分可抵 1 美元。', 'shop.add': '加入购物车', 'shop.added': '已加入 ✓',
    'checkout.title': '结账', 'checkout.item': '商品', 'checkout.qty': '数量', 'checkout.total': '金额', 'checkout.empty': '购物车是空的。',
    'checkout.subtotal': '小计', 'checkout.points': '您的积分：',
    'foot.note': '演示商店：所有数据都来自在本页面中运行的 Fidelio 参考后端。',
  },
};

export function storeText(locale: StoreLocale, key: string): string {
  return TEXT[locale][key] ?? TEXT.en[key] ?? key;
}
