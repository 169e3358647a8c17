import { policyDocument, PolicyStatement } from "../core/iam";
import { EfsStorageClassConfig } from "./config";

/**
 * EFS-TLS-01: deny anything not over TLS, and allow mounting and writing through a mount target
 * explicitly. Once a file system policy exists the implicit "allow" is gone, so without the Allow
 * the policy would lock out the CSI driver and plain mounts (terraform-aws-efs #11/#20/#30).
 * `requireTls: false` drops the deny for plain-NFS clients (on-prem pods with `nfs` volumes).
 */
export function efsFileSystemPolicy(props: { fileSystemArn: string; allowRootAccess: boolean; requireTls?: boolean }): string {
  const actions = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", ...(props.allowRootAccess ? ["elasticfilesystem:ClientRootAccess"] : [])];
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
  statements.push({
    Sid: "AllowMountThroughMountTargets",
    Effect: "Allow",
    Principal: { AWS: "*" },
    Action: actions,
    Resource: props.fileSystemArn,
    Condition: { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } },
  });
  return policyDocument(statements);
}

/** EFS-CSI-01: StorageClass parameters for efs-ap dynamic provisioning (all values strings). */
export function efsStorageClassParameters(fileSystemId: string, sc: EfsStorageClassConfig): Record<string, string> {
  const params: Record<string, string> = { provisioningMode: "efs-ap", fileSystemId, directoryPerms: sc.directoryPerms };
  if (sc.basePath) params.basePath = sc.basePath;
  if (sc.subPathPattern) params.subPathPattern = sc.subPathPattern; // escaped once, when the config was parsed (core/escape)
  return params;
}
