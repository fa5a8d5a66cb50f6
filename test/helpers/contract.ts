/**
 * Validates every response the reference backend gives against the OpenAPI document, so the mock
 * and the contract cannot drift apart. Schemas are checked with a JSON Schema 2020-12 validator.
 */
import { Validator } from '@cfworker/json-schema';
import { parse } from 'yaml';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> } | { $ref: string }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; responses?: Record<string, { content?: Record<string, { schema: object }> }> };
}

export interface ContractCheck {
  /** `METHOD /path status` of each validated response. */
  checked: string[];
  failures: string[];
  settle(): Promise<void>;
  stop(): void;
}

let documentPromise: Promise<Document> | null = null;
export function loadContract(): Promise<Document> {
  return (documentPromise ??= fetch('/src/contract/openapi.yaml').then(async (r) => parse(await r.text()) as Document));
}

function matchPath(doc: Document, pathname: string): string | null {
  for (const template of Object.keys(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(pathname)) return template;
  }
  return null;
}

export async function checkResponsesAgainstContract(): Promise<ContractCheck> {
  const doc = await loadContract();
  const checked: string[] = [];
  const failures: string[] = [];
  const pending: Promise<void>[] = [];

  const validate = async (request: Request, response: Response) => {
    const url = new URL(request.url);
    const label = `${request.method} ${url.pathname} ${response.status}`;
    const template = matchPath(doc, url.pathname);
    const operation = template ? doc.paths[template]![request.method.toLowerCase()] : undefined;
    if (!operation) return void failures.push(`${label}: no such operation in the contract`);
    let declared = operation.responses[String(response.status)] ?? operation.responses.default;
    if (declared && '$ref' in declared) declared = doc.components.responses![declared.$ref.split('/').pop()!]!;
    if (!declared) return void failures.push(`${label}: status not declared`);
    const type = (response.headers.get('Content-Type') ?? '').split(';')[0]!.trim();
    const schema = declared.content?.[type]?.schema;
    if (!schema) return void failures.push(`${label}: content type ${type || '(none)'} not declared`);
    const body: unknown = await response.json();
    const result = new Validator({ ...schema, components: doc.components } as never, '2020-12', false).validate(body);
    if (!result.valid) failures.push(`${label}: ${result.errors.map((e) => `${e.instanceLocation} ${e.error}`).join('; ')}`);
    checked.push(label);
  };

  // Watch what the page receives (every engine, including WebKit, where MSW's life-cycle events
  // carry no readable body): each response that came from the mock is validated.
  const originalFetch = window.fetch;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const response = await originalFetch(input, init);
    if (new URL(request.url).pathname.startsWith('/v1/')) {
      pending.push(validate(request, response.clone()).catch((error) => void failures.push(`${request.url}: ${error}`)));
    }
    return response;
  };
  return {
    checked,
    failures,
    settle: async () => {
      await Promise.all(pending);
    },
    stop: () => {
      window.fetch = originalFetch;
    },
  };
}
