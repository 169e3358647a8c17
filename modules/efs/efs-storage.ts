import { Construct } from "constructs";
import { namedOutput } from "../core/outputs";
import { ITerraformDependable } from "cdktf";
import { EfsAccessPoint } from "@cdktf/provider-aws/lib/efs-access-point";
import { EfsBackupPolicy } from "@cdktf/provider-aws/lib/efs-backup-policy";
import { EfsFileSystem } from "@cdktf/provider-aws/lib/efs-file-system";
import { EfsFileSystemPolicy } from "@cdktf/provider-aws/lib/efs-file-system-policy";
import { EfsMountTarget } from "@cdktf/provider-aws/lib/efs-mount-target";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Issues } from "../core/errors";
import { managedPolicyArn, serviceTrustPolicy } from "../core/iam";
import { kmsKeyArnFor } from "../core/kms";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { cidrKey } from "../core/cidr";
import { Network, sortedEntries } from "../network/network";
import { EfsConfig } from "./config";
import { efsFileSystemPolicy, efsStorageClassParameters } from "./render";
import { efsSubnetNames, validateEfs } from "./validate";

export interface EfsStorageProps {
  readonly config: EfsConfig;
  readonly network: Network;
  readonly clusterName: string;
  /** Literal cluster/environment name for naming. */
  readonly namePrefix: string;
  readonly clusterSubnetNames: readonly string[];
  /** Security groups of cloud clients (the EKS cluster security group that managed nodes use). */
  readonly clientSecurityGroupIds: Record<string, string>;
  /** On-prem client networks (hybrid layout): remote node and pod CIDRs. @default [] */
  readonly onPremCidrs?: readonly string[];
  readonly partition: string;
  /** Whether the cluster is created here (then the controller selects our cloud-node label). */
  readonly clusterCreated: boolean;
  /** What the CSI add-on waits for (nodes, pod identity agent). @default [] */
  readonly addonDependsOn?: ITerraformDependable[];
}

/**
 * EFS shared storage: an encrypted file system (protected from destroy), one mount target per AZ
 * behind a dedicated security group, a TLS-only file system policy that still lets clients mount,
 * access points, backups, the EFS CSI driver add-on with Pod Identity, and StorageClasses.
 * The hybrid layout adds only NFS ingress from the on-prem networks and the per-AZ outputs.
 */
export class EfsStorage extends Construct {
  public readonly fileSystem: EfsFileSystem;
  public readonly securityGroup: SecurityGroup;
  public readonly mountTargets: Record<string, EfsMountTarget> = {};

  constructor(scope: Construct, id: string, props: EfsStorageProps) {
    super(scope, id);
    const { config } = props;
    const ctx = { subnets: props.network.subnets, clusterSubnetNames: props.clusterSubnetNames };
    const issues = new Issues();
    validateEfs(config, ctx, issues);
    issues.throwIfAny(this.node.path);

    const kmsKeyArn = kmsKeyArnFor(this, "key", {
      existingArn: config.kmsKeyArn,
      description: `EFS ${props.namePrefix}-shared encryption at rest`,
      alias: `efs/${props.namePrefix}-shared`,
      preventDestroy: config.preventDestroy,
    });

    this.fileSystem = new EfsFileSystem(this, "file-system", {
      creationToken: `${props.namePrefix}-shared`.slice(0, 64), // EFS allows 64 characters
      encrypted: true,
      kmsKeyId: kmsKeyArn,
      performanceMode: config.performanceMode,
      throughputMode: config.throughputMode,
      provisionedThroughputInMibps: config.provisionedThroughputMibps,
      availabilityZoneName: config.oneZone,
      lifecyclePolicy: config.lifecyclePolicies.map((p) => ({
        transitionToIa: p.transitionToIa,
        transitionToArchive: p.transitionToArchive,
        transitionToPrimaryStorageClass: p.transitionToPrimaryStorageClass,
      })),
      tags: { Name: `${props.namePrefix}-shared` },
      lifecycle: { preventDestroy: config.preventDestroy },
    });
    new EfsBackupPolicy(this, "backup-policy", {
      fileSystemId: this.fileSystem.id,
      backupPolicy: { status: config.backups ? "ENABLED" : "DISABLED" },
    });
    new EfsFileSystemPolicy(this, "policy", {
      fileSystemId: this.fileSystem.id,
      policy: efsFileSystemPolicy({ fileSystemArn: this.fileSystem.arn, allowRootAccess: config.allowRootAccess, requireTls: config.requireTls }),
    });

    // EFS-MT-02: NFS only, from the cluster's nodes and (hybrid) the on-prem networks; never 0.0.0.0/0.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      namePrefix: `${props.namePrefix}-efs-`,
      description: "EFS mount targets: NFS from EKS nodes",
      vpcId: props.network.vpcId,
      tags: { Name: `${props.namePrefix}-efs` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const [key, sgId] of sortedEntries(props.clientSecurityGroupIds)) {
      new VpcSecurityGroupIngressRule(this, `nfs-from-${key}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 2049,
        toPort: 2049,
        referencedSecurityGroupId: sgId,
        description: `NFS from ${key}`,
      });
    }
    for (const cidr of props.onPremCidrs ?? []) {
      new VpcSecurityGroupIngressRule(this, `nfs-from-${cidrKey(cidr)}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "tcp",
        fromPort: 2049,
        toPort: 2049,
        cidrIpv4: cidr,
        description: "NFS from on-prem",
      });
    }

    for (const subnet of props.network.subnetsNamed(efsSubnetNames(config, ctx))) {
      this.mountTargets[subnet.name] = new EfsMountTarget(this, `mount-target-${subnet.name}`, {
        fileSystemId: this.fileSystem.id,
        subnetId: subnet.id,
        securityGroups: [this.securityGroup.id],
      });
    }

    for (const [name, ap] of sortedEntries(config.accessPoints)) {
      const accessPoint = new EfsAccessPoint(this, `access-point-${name}`, {
        fileSystemId: this.fileSystem.id,
        posixUser: { uid: ap.uid, gid: ap.gid, secondaryGids: ap.secondaryGids.length ? ap.secondaryGids : undefined },
        rootDirectory: { path: ap.path, creationInfo: { ownerUid: ap.uid, ownerGid: ap.gid, permissions: ap.permissions } },
        tags: { Name: name },
      });
      namedOutput(this, `access_point_${name}`, { value: accessPoint.id, description: `EFS access point ${name}` });
    }

    // EFS-CSI-02: managed add-on, Pod Identity role with the AWS managed policy.
    let driver: EksAddon | undefined;
    if (config.csiDriver) {
      const role = new IamRole(this, "csi-role", {
        namePrefix: `${props.namePrefix}-efs-csi-`.slice(0, 38),
        assumeRolePolicy: serviceTrustPolicy("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
      });
      new IamRolePolicyAttachment(this, "csi-policy", {
        role: role.name,
        policyArn: managedPolicyArn(props.partition, "service-role/AmazonEFSCSIDriverPolicy"),
      });
      const nodeSelector = config.controllerNodeSelector ?? (props.clusterCreated ? { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value } : undefined);
      driver = new EksAddon(this, "csi-driver", {
        clusterName: props.clusterName,
        addonName: "aws-efs-csi-driver",
        addonVersion: config.csiDriverVersion,
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        // The node DaemonSet already avoids hybrid nodes (add-on default affinity); pin the controller too.
        configurationValues: nodeSelector ? JSON.stringify({ controller: { nodeSelector } }) : undefined,
        podIdentityAssociation: [{ roleArn: role.arn, serviceAccount: "efs-csi-controller-sa" }],
        dependsOn: [...(props.addonDependsOn ?? []), ...Object.values(this.mountTargets)],
      });
    }

    for (const [name, sc] of sortedEntries(config.storageClasses)) {
      new StorageClassV1(this, `storage-class-${name}`, {
        metadata: {
          name,
          annotations: sc.default ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined,
        },
        storageProvisioner: "efs.csi.aws.com",
        reclaimPolicy: sc.reclaimPolicy,
        volumeBindingMode: "Immediate",
        parameters: efsStorageClassParameters(this.fileSystem.id, sc),
        dependsOn: driver ? [driver] : undefined,
      });
    }

    namedOutput(this, "file_system_id", { value: this.fileSystem.id });
    namedOutput(this, "dns_name", { value: this.fileSystem.dnsName, description: "Resolves inside the VPC (and on-prem through the inbound resolver) to the mount target of the resolver's AZ" });
  }

  /** Hybrid layout: mount target IP and AZ-specific DNS name per AZ, for on-prem hosts (EFS-DNS-01). */
  addOnPremOutputs(region: string): void {
    const byAz: Record<string, { ip: string; dns: string }> = {};
    for (const [name, mt] of sortedEntries(this.mountTargets)) {
      byAz[name] = { ip: mt.ipAddress, dns: `${mt.availabilityZoneName}.${this.fileSystem.id}.efs.${region}.amazonaws.com` };
    }
    namedOutput(this, "onprem_mount_targets", {
      value: byAz,
      description: "Per mount-target subnet: IP (mount -t efs -o tls,mounttargetip=<ip>) and AZ-specific DNS name",
    });
  }
}
