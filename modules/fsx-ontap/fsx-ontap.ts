import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { namedOutput } from "../core/outputs";
import { AssetType, Fn, ITerraformDependable, TerraformAsset, TerraformVariable } from "cdktf";
import { Ec2Tag } from "@cdktf/provider-aws/lib/ec2-tag";
import { Ec2TransitGatewayRoute } from "@cdktf/provider-aws/lib/ec2-transit-gateway-route";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { FsxOntapFileSystem } from "@cdktf/provider-aws/lib/fsx-ontap-file-system";
import { FsxOntapStorageVirtualMachine } from "@cdktf/provider-aws/lib/fsx-ontap-storage-virtual-machine";
import { FsxOntapVolume } from "@cdktf/provider-aws/lib/fsx-ontap-volume";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretVersion } from "@cdktf/provider-aws/lib/secretsmanager-secret-version";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Release } from "@cdktf/provider-helm/lib/release";
import { StorageClassV1 } from "@cdktf/provider-kubernetes/lib/storage-class-v1";
import { Issues } from "../core/errors";
import { serviceTrustPolicy } from "../core/iam";
import { kmsKeyArnFor } from "../core/kms";
import { CLOUD_NODE_LABEL } from "../core/kubernetes";
import { HybridConfig, remoteCidrs } from "../hybrid-nodes/config";
import { Connectivity } from "../hybrid-nodes/connectivity";
import { cidrKey } from "../core/cidr";
import { Network, sortedEntries } from "../network/network";
import { FsxOntapConfig } from "./config";
import { BackendSpec, fsxIngressPorts, renderBackendChartValues, renderTridentValues, tridentIrsaTrustPolicy, tridentPolicy } from "./render";
import { validateFsxOntap } from "./validate";

export interface FsxOntapProps {
  readonly config: FsxOntapConfig;
  readonly layout: "cloud-only" | "hybrid";
  readonly network: Network;
  readonly clusterName: string;
  readonly namePrefix: string;
  readonly clusterSubnetNames: readonly string[];
  readonly clusterCreated: boolean;
  /** Security groups of cloud clients, keyed by a stable name. */
  readonly clientSecurityGroupIds: Record<string, string>;
  /** The hybrid section and its connectivity (hybrid layout). @default - none */
  readonly hybrid?: { readonly config: HybridConfig; readonly connectivity: Connectivity };
  /** The network's own route tables already carry the AmazonFSx tag (created VPCs). @default false */
  readonly routeTablesTagged?: boolean;
  /** What in-cluster installs wait for (nodes, pod identity agent). @default [] */
  readonly kubernetesDependsOn?: ITerraformDependable[];
}

/** Tag FSx requires on route tables it manages for Multi-AZ floating IPs (FSX-NET-02). */
export const FSX_ROUTE_TABLE_TAG = { key: "AmazonFSx", value: "ManagedByAmazonFSx" } as const;

/** Locates the trident-backends chart shipped with the package (from sources, dist/ or a bundle). */
export function backendsChartDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const chart = path.join(dir, "charts", "trident-backends");
    if (fs.existsSync(path.join(chart, "Chart.yaml"))) return chart;
    if (path.dirname(dir) === dir) throw new Error(`charts/trident-backends not found above ${__dirname}`);
  }
}

/**
 * FSx for NetApp ONTAP with Trident: the file system (any deployment type, validated against AWS's
 * rules), its security group, SVMs with vsadmin credentials in Secrets Manager, volumes, and
 * NetApp Trident by Helm with its IAM role, backends (a chart in this repo, so the custom resources
 * plan without a live cluster) and StorageClasses. Hybrid adds on-prem ingress and, for Multi-AZ,
 * the transit gateway route to the floating endpoint range.
 */
export class FsxOntap extends Construct {
  public readonly fileSystem: FsxOntapFileSystem;
  public readonly securityGroup: SecurityGroup;
  public readonly svms: Record<string, FsxOntapStorageVirtualMachine> = {};
  public readonly secrets: Record<string, SecretsmanagerSecret> = {};

  constructor(scope: Construct, id: string, props: FsxOntapProps) {
    super(scope, id);
    const { config } = props;
    const issues = new Issues();
    validateFsxOntap(
      config,
      { layout: props.layout, subnets: props.network.subnets, vpcCidrs: props.network.vpcCidrs, clusterSubnetNames: props.clusterSubnetNames, hybrid: props.hybrid?.config },
      issues,
    );
    issues.throwIfAny(this.node.path);
    const multiAz = config.deploymentType.startsWith("MULTI_AZ");
    const trident = config.trident;
    const protect = { preventDestroy: config.preventDestroy };

    const kmsKeyArn = kmsKeyArnFor(this, "key", {
      existingArn: config.kmsKeyArn,
      description: `FSx for ONTAP ${props.namePrefix}`,
      alias: `fsx/${props.namePrefix}-ontap`,
      preventDestroy: config.preventDestroy,
    });

    // FSX-NET-01: documented ONTAP client ports from the cluster and (hybrid) on-prem; explicit egress.
    this.securityGroup = new SecurityGroup(this, "security-group", {
      namePrefix: `${props.namePrefix}-fsx-ontap-`,
      description: "FSx for ONTAP: NFS/iSCSI/management from EKS nodes",
      vpcId: props.network.vpcId,
      tags: { Name: `${props.namePrefix}-fsx-ontap` },
      lifecycle: { createBeforeDestroy: true },
    });
    const ports = fsxIngressPorts({ san: trident.enabled && trident.san, smb: config.protocols.smb, snapmirror: config.protocols.snapmirror });
    const onPrem = remoteCidrs(props.hybrid?.config);
    const sources: [string, { referencedSecurityGroupId?: string; cidrIpv4?: string }][] = [
      ...sortedEntries(props.clientSecurityGroupIds).map(([k, sg]): [string, { referencedSecurityGroupId: string }] => [k, { referencedSecurityGroupId: sg }]),
      ...onPrem.map((c): [string, { cidrIpv4: string }] => [cidrKey(c), { cidrIpv4: c }]),
    ];
    for (const [key, source] of sources) {
      for (const port of ports) {
        const range = port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
        new VpcSecurityGroupIngressRule(this, `${port.protocol}-${range}-from-${key}`, {
          securityGroupId: this.securityGroup.id,
          ipProtocol: port.protocol,
          fromPort: port.from,
          toPort: port.to,
          description: `${port.purpose} from ${key}`,
          ...source,
        });
      }
    }
    for (const cidr of [...props.network.vpcCidrs, ...onPrem]) {
      new VpcSecurityGroupEgressRule(this, `egress-to-${cidrKey(cidr)}`, {
        securityGroupId: this.securityGroup.id,
        ipProtocol: "-1",
        cidrIpv4: cidr,
        description: "Replies and ONTAP-initiated traffic to clients",
      });
    }

    // Multi-AZ: FSx manages routes to the floating IPs in every private route table (tagged for it).
    let routeTableIds: string[] | undefined;
    if (multiAz) {
      const names = config.routeTableSubnets ?? Object.keys(props.network.subnets).sort();
      const tables = props.network.routeTablesOf(names);
      routeTableIds = tables.map((t) => t.id);
      if (!props.routeTablesTagged) {
        for (const t of tables) new Ec2Tag(this, `route-table-tag-${t.key}`, { resourceId: t.id, key: FSX_ROUTE_TABLE_TAG.key, value: FSX_ROUTE_TABLE_TAG.value });
      }
    }

    const subnets = props.network.subnetsNamed(config.subnets);
    const preferred = props.network.subnetsNamed([config.preferredSubnet ?? config.subnets[0]])[0];
    const singleAz2 = config.deploymentType === "SINGLE_AZ_2";
    this.fileSystem = new FsxOntapFileSystem(this, "file-system", {
      deploymentType: config.deploymentType,
      subnetIds: subnets.map((s) => s.id),
      preferredSubnetId: preferred.id,
      storageCapacity: config.storageCapacityGiB,
      throughputCapacity: singleAz2 ? undefined : config.throughputMibps,
      // FSX-FS-03: the provider sends per-HA-pair throughput only together with ha_pairs.
      haPairs: singleAz2 ? (config.haPairs ?? 1) : undefined,
      throughputCapacityPerHaPair: singleAz2 ? config.throughputPerHaPairMibps : undefined,
      securityGroupIds: [this.securityGroup.id],
      kmsKeyId: kmsKeyArn,
      automaticBackupRetentionDays: config.automaticBackupRetentionDays,
      dailyAutomaticBackupStartTime: config.dailyBackupStartTime,
      weeklyMaintenanceStartTime: config.weeklyMaintenanceStartTime,
      endpointIpAddressRange: multiAz ? config.endpointIpAddressRange : undefined,
      routeTableIds,
      tags: { Name: `${props.namePrefix}-ontap` },
      lifecycle: protect,
    });

    // FSX-NET-02: on-prem reaches the floating endpoint range through the transit gateway.
    const connectivity = props.hybrid?.connectivity;
    if (multiAz && connectivity && config.endpointIpAddressRange && connectivity.vpcAttachmentId && connectivity.transitGatewayRouteTableId) {
      new Ec2TransitGatewayRoute(this, "endpoint-range-route", {
        destinationCidrBlock: config.endpointIpAddressRange,
        transitGatewayAttachmentId: connectivity.vpcAttachmentId,
        transitGatewayRouteTableId: connectivity.transitGatewayRouteTableId,
      });
    }

    const backends: BackendSpec[] = [];
    for (const [svmName, svm] of sortedEntries(config.svms)) {
      // FSX-FS-07: the password is a sensitive input, never a literal; the secret gets it write-only.
      const password = new TerraformVariable(this, `vsadmin-password-${svmName}`, {
        type: "string",
        sensitive: true,
        description: `vsadmin password of SVM ${svmName} (8-50 characters). Pass it as TF_VAR_${vsadminVariableName(svmName)}.`,
        validation: [{ condition: `\${length(var.${vsadminVariableName(svmName)}) >= 8 && length(var.${vsadminVariableName(svmName)}) <= 50}`, errorMessage: "The vsadmin password must be 8-50 characters." }],
      });
      password.overrideLogicalId(vsadminVariableName(svmName));
      const resource = new FsxOntapStorageVirtualMachine(this, `svm-${svmName}`, {
        fileSystemId: this.fileSystem.id,
        name: svmName,
        rootVolumeSecurityStyle: svm.rootVolumeSecurityStyle,
        svmAdminPassword: password.stringValue,
        lifecycle: protect,
      });
      this.svms[svmName] = resource;
      const secret = new SecretsmanagerSecret(this, `vsadmin-secret-${svmName}`, {
        namePrefix: `fsx-ontap/${props.namePrefix}/${svmName}/vsadmin-`,
        description: `vsadmin credentials of FSx for ONTAP SVM ${svmName} (used by Trident)`,
        recoveryWindowInDays: 7,
      });
      this.secrets[svmName] = secret;
      new SecretsmanagerSecretVersion(this, `vsadmin-secret-version-${svmName}`, {
        secretId: secret.id,
        // TRI-04; write-only: the JSON is sent to AWS but never stored in state.
        secretStringWo: Fn.jsonencode({ username: "vsadmin", password: password.stringValue }),
        secretStringWoVersion: svm.passwordVersion,
      });
      for (const [volName, vol] of sortedEntries(svm.volumes)) {
        new FsxOntapVolume(this, `volume-${svmName}-${volName}`, {
          name: volName,
          storageVirtualMachineId: resource.id,
          junctionPath: vol.junctionPath,
          sizeInBytes: String(BigInt(vol.sizeGiB) * 1024n ** 3n),
          storageEfficiencyEnabled: vol.storageEfficiency,
          securityStyle: vol.securityStyle,
          tieringPolicy: { name: vol.tieringPolicy, coolingPeriod: vol.coolingPeriodDays },
          ontapVolumeType: "RW",
          skipFinalBackup: vol.skipFinalBackup,
          lifecycle: protect,
        });
      }
      const drivers: BackendSpec["driver"][] = trident.san ? ["ontap-nas", "ontap-san"] : ["ontap-nas"];
      for (const driver of drivers) {
        backends.push({ name: backendName(svmName, driver), driver, svm: svmName, fileSystemId: this.fileSystem.id, credentialsSecretArn: secret.arn });
      }
      namedOutput(this, `svm_${svmName}_nfs_dns`, { value: resource.endpoints.get(0).nfs.get(0).dnsName, description: `NFS endpoint of SVM ${svmName}` });
    }

    if (trident.enabled) this.installTrident(props, backends);

    namedOutput(this, "file_system_id", { value: this.fileSystem.id });
    namedOutput(this, "management_dns", { value: this.fileSystem.endpoints.get(0).management.get(0).dnsName });
  }

  private installTrident(props: FsxOntapProps, backends: BackendSpec[]): void {
    const { config } = props;
    const trident = config.trident;
    const secretArns = Object.values(this.secrets).map((s) => s.arn);
    const role = new IamRole(this, "trident-role", {
      namePrefix: `${props.namePrefix}-trident-`.slice(0, 38),
      assumeRolePolicy:
        trident.identity === "irsa" && trident.oidcProviderArn
          ? tridentIrsaTrustPolicy(trident.oidcProviderArn)
          : serviceTrustPolicy("pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]),
    });
    new IamRolePolicy(this, "trident-policy", { role: role.name, name: "trident-fsx-ontap", policy: tridentPolicy(secretArns) });

    const waitFor: ITerraformDependable[] = [...(props.kubernetesDependsOn ?? [])];
    if (trident.identity === "pod-identity") {
      waitFor.push(
        new EksPodIdentityAssociation(this, "trident-pod-identity", { clusterName: props.clusterName, namespace: "trident", serviceAccount: "trident-controller", roleArn: role.arn }),
      );
    }
    const cloudSelector = props.clusterCreated ? { [CLOUD_NODE_LABEL.key]: CLOUD_NODE_LABEL.value } : undefined;
    const operator = new Release(this, "trident-operator", {
      name: "trident-operator",
      repository: "https://netapp.github.io/trident-helm-chart",
      chart: "trident-operator",
      version: trident.chartVersion,
      namespace: "trident",
      createNamespace: true,
      timeout: 1200,
      values: [
        JSON.stringify(
          renderTridentValues({
            identity: trident.identity,
            roleArn: role.arn,
            controllerNodeSelector: cloudSelector,
            // HYB-ADD-02: Trident does not support hybrid nodes; keep the node plugin on cloud nodes too.
            nodePluginNodeSelector: trident.nodePluginNodeSelector ?? cloudSelector,
            nodePluginTolerations: trident.nodePluginTolerations.map((t) => ({ key: t.key, operator: t.value === undefined ? "Exists" : "Equal", value: t.value, effect: t.effect })),
          }),
        ),
      ],
      dependsOn: waitFor,
    });

    const chartDeps: ITerraformDependable[] = [operator, ...Object.values(this.svms)];
    if (trident.volumeSnapshotClass) {
      chartDeps.push(new EksAddon(this, "snapshot-controller", { clusterName: props.clusterName, addonName: "snapshot-controller", resolveConflictsOnCreate: "OVERWRITE", dependsOn: props.kubernetesDependsOn }));
    }
    const chart = new TerraformAsset(this, "backends-chart", { path: backendsChartDir(), type: AssetType.DIRECTORY });
    const backendRelease = new Release(this, "trident-backends", {
      name: "trident-backends",
      chart: chart.path,
      namespace: "trident",
      values: [JSON.stringify(renderBackendChartValues({ backends, volumeSnapshotClass: trident.volumeSnapshotClass ? "trident-snapshots" : undefined }))],
      dependsOn: chartDeps,
    });

    const firstSvm = Object.keys(config.svms).sort()[0];
    for (const [name, sc] of sortedEntries(trident.storageClasses)) {
      const backend = backendName(sc.svm ?? firstSvm, sc.backendType);
      new StorageClassV1(this, `storage-class-${name}`, {
        metadata: { name, annotations: sc.default ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined },
        storageProvisioner: "csi.trident.netapp.io",
        reclaimPolicy: sc.reclaimPolicy,
        allowVolumeExpansion: sc.allowVolumeExpansion,
        volumeBindingMode: "Immediate",
        parameters: {
          backendType: sc.backendType,
          storagePools: `${backend}:.*`,
          ...(sc.backendType === "ontap-san" ? { "csi.storage.k8s.io/fstype": sc.fsType } : {}),
        },
        dependsOn: [backendRelease],
      });
    }
  }
}

export function vsadminVariableName(svm: string): string {
  return `fsx_${svm.toLowerCase()}_vsadmin_password`;
}

function backendName(svm: string, driver: string): string {
  return `${svm.toLowerCase().replace(/_/g, "-")}-${driver}`;
}
