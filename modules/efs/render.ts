import { policyDocument, PolicyStatement } from "../core/iam";
import { EfsStorageClassConfig } from "./config";

export interface EfsFileSystemPolicyProps {
  readonly fileSystemArn: string;
  /** IAM principals (role/user ARNs) granted mount and write: node role, Hybrid Nodes role, extras. */
  readonly clientPrincipalArns: readonly string[];
  /** Grant elasticfilesystem:ClientRootAccess too. */
  readonly allowRootAccess: boolean;
  /** Deny anything not over TLS. @default true */
  readonly requireTls?: boolean;
  /** Also allow clients without an IAM identity (plain NFS). @default false */
  readonly allowAnonymousAccess?: boolean;
}

/**
 * The file system policy (EFS-TLS-01). Once a policy exists EFS's implicit "allow everyone" is
 * gone, so mount and write are granted explicitly — to the IAM identities that mount with
 * efs-utils `iam` (the CSI node plugin's node role, the Hybrid Nodes role, extras), never to
 * `AWS: *` unless anonymous access is asked for (then it is a separate, named statement). All
 * grants require a mount target (`elasticfilesystem:AccessedViaMountTarget`); the TLS deny covers
 * every principal. `requireTls: false` drops the deny for plain-NFS clients.
 */
export function efsFileSystemPolicy(props: EfsFileSystemPolicyProps): string {
  const actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", ...(props.allowRootAccess ? ["elasticfilesystem:ClientRootAccess"] : [])];
  const viaMountTarget = { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } };
  const statements: PolicyStatement[] = [];
  if (props.requireTls ?? true) {
    statements.push({
      Sid: "DenyWithoutTls",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: props.fileSystemArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  }
  const principals = [...new Set(props.clientPrincipalArns)];
  if (principals.length > 0) {
    statements.push({ Sid: "AllowIamClients", Effect: "Allow", Principal: { AWS: principals }, Action: actions, Resource: props.fileSystemArn, Condition: viaMountTarget });
  }
  if (props.allowAnonymousAccess) {
    statements.push({ Sid: "AllowAnonymousClients", Effect: "Allow", Principal: { AWS: "*" }, Action: actions, Resource: props.fileSystemArn, Condition: viaMountTarget });
  }
  return policyDocument(statements);
}

/** EFS-CSI-01: StorageClass parameters for efs-ap dynamic provisioning (all values strings). */
export function efsStorageClassParameters(fileSystemId: string, sc: EfsStorageClassConfig): Record<string, string> {
  const params: Record<string, string> = { provisioningMode: "efs-ap", fileSystemId, directoryPerms: sc.directoryPerms };
  if (sc.basePath) params.basePath = sc.basePath;
  if (sc.subPathPattern) params.subPathPattern = sc.subPathPattern; // escaped once, when the config was parsed (core/escape)
  return params;
}

/**
 * Mount options of every StorageClass: efs-utils `tls` (EFS-TLS-01) and `iam`, so the CSI node
 * plugin authenticates with its IAM identity and the file system policy can grant it
 * (aws-efs-csi-driver docs/parameters.md: "iam: Use the CSI Node Pod's IAM identity").
 */
export const EFS_MOUNT_OPTIONS: readonly string[] = ["tls", "iam"];
