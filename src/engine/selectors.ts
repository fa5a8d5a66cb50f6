/**
 * Selecting cart or order lines by product id, brand or category — one rule for coupons
 * (exclude / includeOnly), punch cards and promotions. Product ids match exactly; brand and
 * category labels ignore case and surrounding spaces ("Acme Garden" = "acme garden ").
 */
export interface Selector {
  products?: string[];
  brands?: string[];
  categories?: string[];
}

export interface SelectableLine {
  id: string;
  brand?: string;
  category?: string;
}

export interface SelectorMatch {
  reason: 'product' | 'brand' | 'category';
  value: string;
}

const sameLabel = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why `selector` selects `line` (product first, then brand, then category), or null. */
export function selectorMatch(selector: Selector | undefined, line: SelectableLine): SelectorMatch | null {
  if (!selector) return null;
  if (selector.products?.includes(line.id)) return { reason: 'product', value: line.id };
  const { brand, category } = line;
  if (brand !== undefined && selector.brands?.some((b) => sameLabel(b, brand))) return { reason: 'brand', value: brand };
  if (category !== undefined && selector.categories?.some((c) => sameLabel(c, category))) return { reason: 'category', value: category };
  return null;
}

export function selects(selector: Selector | undefined, line: SelectableLine): boolean {
  return selectorMatch(selector, line) !== null;
}
