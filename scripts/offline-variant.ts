/**
 * Turns a synthesized stack into the part `terraform plan` can check offline: the AWS resources,
 * planned by the AWS provider from a local mirror with mock credentials. What it changes, and why:
 *  - kubernetes_* and helm_* blocks are left out: no binaries for those providers exist offline
 *    (they are covered by unit tests instead);
 *  - the backend is dropped (local state), since S3 needs credentials;
 *  - the AWS provider is pinned to the mirror's version for this check only;
 *  - allowed_account_ids is dropped: checking it needs an STS call;
 *  - attributes the mirror's (older) provider does not know are dropped and listed, when a schema
 *    is given: the stacks target aws 6.25.0, the offline mirror may hold an older release;
 *  - sensitive input variables get mock defaults;
 *  - data sources that call AWS at plan (the caller identity behind the cluster's creator-admin
 *    check) are left out: mock credentials cannot answer them.
 */

export interface OfflineVariant {
  readonly json: Record<string, any>;
  /** Addresses left out (kubernetes_*, helm_*). */
  readonly omitted: string[];
  /** `type.attribute` paths dropped because the mirror's provider lacks them. */
  readonly unsupported: string[];
}

/** Block schema as `terraform providers schema -json` prints it. */
export interface BlockSchema {
  readonly attributes?: Record<string, unknown>;
  readonly block_types?: Record<string, { readonly block: BlockSchema }>;
}

/** Resource schemas of the mirror's AWS provider, by resource type. */
export type ProviderSchema = Record<string, { readonly block: BlockSchema }>;

const META_ARGUMENTS = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);

const OMITTED_PREFIXES = ["kubernetes_", "helm_"];
const isOmittedType = (type: string) => OMITTED_PREFIXES.some((p) => type.startsWith(p));
/** Data sources that call AWS (STS) at plan time. */
const AWS_CALLING_DATA = new Set(["aws_caller_identity", "aws_iam_session_context"]);

export const MOCK_AWS_PROVIDER_SETTINGS = {
  access_key: "mock-access-key",
  secret_key: "mock-secret-key",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
};


export function offlineVariant(stack: Record<string, any>, awsVersion: string, schema?: ProviderSchema): OfflineVariant {
  const json = JSON.parse(JSON.stringify(stack));
  const omitted: string[] = [];
  const unsupported: string[] = [];

  delete json.terraform?.backend;
  json.terraform = { ...(json.terraform ?? {}), required_providers: { aws: { source: "hashicorp/aws", version: awsVersion } } };

  const providers = json.provider ?? {};
  for (const name of Object.keys(providers)) if (name !== "aws") delete providers[name];
  for (const p of providers.aws ?? []) {
    delete p.allowed_account_ids;
    Object.assign(p, MOCK_AWS_PROVIDER_SETTINGS);
  }

  for (const block of ["resource", "data"] as const) {
    for (const type of Object.keys(json[block] ?? {})) {
      if (!isOmittedType(type) && !(block === "data" && AWS_CALLING_DATA.has(type))) continue;
      for (const name of Object.keys(json[block][type])) omitted.push(`${block === "data" ? "data." : ""}${type}.${name}`);
      delete json[block][type];
    }
    if (json[block] && Object.keys(json[block]).length === 0) delete json[block];
  }

  const refersToOmitted = (value: unknown): boolean => {
    const text = JSON.stringify(value);
    return OMITTED_PREFIXES.some((p) => text.includes(`\${${p}`) || text.includes(`\${data.${p}`));
  };
  for (const [name, output] of Object.entries(json.output ?? {})) if (refersToOmitted(output)) delete json.output[name];
  for (const block of ["resource", "data"] as const) {
    for (const byName of Object.values(json[block] ?? {}) as Record<string, any>[]) {
      for (const [name, body] of Object.entries(byName)) {
        if (Array.isArray(body.depends_on)) {
          body.depends_on = body.depends_on.filter((d: string) => !isOmittedType(d.replace(/^data\./, "")));
          if (body.depends_on.length === 0) delete body.depends_on;
        }
        if (refersToOmitted(body)) throw new Error(`${name} refers to a kubernetes/helm resource; the offline variant cannot plan it`);
      }
    }
  }

  if (schema) {
    for (const [type, byName] of Object.entries(json.resource ?? {}) as [string, Record<string, any>][]) {
      const block = schema[type]?.block;
      if (!block) continue;
      for (const body of Object.values(byName)) dropUnknown(body, block, type, unsupported, true);
    }
  }

  for (const variable of Object.values(json.variable ?? {}) as Record<string, any>[]) {
    if (!("default" in variable)) variable.default = variable.type === "number" ? 0 : "offline-plan-mock-value-0123456789";
  }
  return { json, omitted, unsupported: [...new Set(unsupported)].sort() };
}

function dropUnknown(body: Record<string, any>, block: BlockSchema, path: string, dropped: string[], topLevel: boolean): void {
  for (const key of Object.keys(body)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    const nested = block.block_types?.[key]?.block;
    if (block.attributes?.[key] !== undefined) continue;
    if (nested) {
      for (const item of Array.isArray(body[key]) ? body[key] : [body[key]]) if (item && typeof item === "object") dropUnknown(item, nested, `${path}.${key}`, dropped, false);
      continue;
    }
    dropped.push(`${path}.${key}`);
    delete body[key];
  }
}
