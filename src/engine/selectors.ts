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

const SELECTOR_FIELDS = ['products', 'brands', 'categories'] as const;

/**
 * The problems of a selector in a program's configuration, each naming its field under `path`;
 * `mustSelect` (a coupon's includeOnly, a punch card, a promotion): one that lists nothing is a
 * problem too, with that sentence (it would select no line at all).
 */
export function selectorProblems(value: unknown, path: string, mustSelect: string | null = null): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path} must be an object with brands, categories or products`];
  const sel = value as Record<string, unknown>;
  const problems = Object.keys(sel)
    .filter((key) => !(SELECTOR_FIELDS as readonly string[]).includes(key))
    .map((key) => `${path}.${key} is not a known field`);
  let count = 0;
  for (const key of SELECTOR_FIELDS) {
    const list = sel[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string' || item.trim() === '')) problems.push(`${path}.${key} must be a list of non-empty strings`);
    else count += list.length;
  }
  if (mustSelect !== null && count === 0 && !problems.length) problems.push(`${path} ${mustSelect}`);
  return problems;
}
