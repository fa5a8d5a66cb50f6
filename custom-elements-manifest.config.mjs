import { readFileSync } from 'node:fs';

/**
 * The analyzer lists every entry of a Lit element's `static properties` as an attribute, internal
 * state (`{ state: true }`) included: a developer reading the manifest would set attributes that do
 * nothing. Those are dropped from each element's attributes (they stay out of its public API).
 */
const noStateAttributes = {
  name: 'fidelio-no-state-attributes',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      const source = readFileSync(mod.path, 'utf8');
      const state = new Set([...source.matchAll(/(\w+):\s*\{\s*state:\s*true\s*\}/g)].map((m) => m[1]));
      for (const declaration of mod.declarations ?? []) {
        if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !state.has(a.fieldName ?? a.name));
      }
    }
  },
};

export default { plugins: [noStateAttributes] };
