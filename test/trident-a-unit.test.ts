/** Unit tests for modules/trident/trident.ts: backendsChartDir, Trident's option checks and the resources it renders. */
import * as fs from "fs";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { ClusterRef, IClusterRef } from "../modules/core/refs";
import { backendsChartDir, Trident, TridentProps } from "../modules/trident/trident";
import { tridentIrsaTrustPolicy } from "../modules/trident/render";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { fsxProdClusterAttributes, Json, resources } from "./helpers";

// backendsChartDir reads fs.existsSync through the module's own namespace copy, which jest.spyOn cannot
// reach: fs is mocked for this file with an existsSync that calls the real one unless a test says otherwise.
jest.mock("fs", () => {
  const actual = jest.requireActual("fs");
  return { ...actual, existsSync: jest.fn(actual.existsSync) };
});
const realExistsSync: typeof fs.existsSync = jest.requireActual("fs").existsSync;

const attrs = fsxProdClusterAttributes;
const adopted = (name = "prod"): IClusterRef => ClusterRef.fromAttributes({ ...attrs, name });

type Options = Omit<TridentProps, "cluster">;

function newStack(): TerraformStack {
  return new TerraformStack(Testing.app(), "lib");
}

function synthTrident(options: Options = {}, cluster: IClusterRef = adopted(), extra?: (stack: TerraformStack, trident: Trident) => void): Json {
  const stack = newStack();
  const trident = new Trident(stack, "trident", { cluster, ...options });
  extra?.(stack, trident);
  return JSON.parse(Testing.synth(stack));
}

const release = (json: Json, name: string): Json => Object.values(resources(json, "helm_release")).find((r) => r.name === name)!;
const operatorValues = (json: Json): Json => JSON.parse(release(json, "trident-operator").values[0]);

const CHART_AFFINITY = {
  nodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: "kubernetes.io/arch", operator: "In", values: ["arm64", "amd64"] },
            { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
            { key: "eks.amazonaws.com/compute-type", operator: "NotIn", values: ["hybrid"] },
          ],
        },
      ],
    },
  },
};

const POD_IDENTITY_TRUST = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "AllowEksPodIdentity",
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
      Condition: {
        StringEquals: {
          "aws:SourceAccount": "111122223333",
          "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:111122223333:cluster/prod",
          "aws:RequestTag/kubernetes-namespace": "trident",
          "aws:RequestTag/kubernetes-service-account": "trident-controller",
        },
      },
    },
  ],
};

describe("backendsChartDir", () => {
  // The module's own directory and the repository root, as this checkout lays them out.
  const moduleDir = path.resolve(__dirname, "..", "modules", "trident");
  const shippedChart = path.resolve(__dirname, "..", "charts", "trident-backends");

  const existsSync = jest.mocked(fs.existsSync);
  afterEach(() => existsSync.mockImplementation(realExistsSync));

  test("backendsChartDir finds the chart shipped at the repository root", () => {
    expect(backendsChartDir()).toBe(shippedChart);
  });

  test("backendsChartDir throws naming the module directory it searched above when no charts/trident-backends/Chart.yaml exists", () => {
    existsSync.mockImplementation(() => false);
    expect(() => backendsChartDir()).toThrow(new Error(`charts/trident-backends not found above ${moduleDir}`));
  });

  test("backendsChartDir skips a charts/trident-backends directory without Chart.yaml and returns the next one up that has it", () => {
    const stray = path.join(moduleDir, "charts", "trident-backends");
    existsSync.mockImplementation((p) => p === stray || realExistsSync(p));
    expect(backendsChartDir()).toBe(shippedChart);
    expect(existsSync).toHaveBeenCalledWith(path.join(stray, "Chart.yaml"));
  });
});

describe("Trident installTimeoutSeconds", () => {
  test.each([
    [59, "59"],
    [3601, "3601"],
    [90.5, "90.5"],
  ])("installTimeoutSeconds %p is refused with the trident.installTimeoutSeconds error naming 60-3600", (seconds, shown) => {
    expect(() => new Trident(newStack(), "trident", { cluster: adopted(), installTimeoutSeconds: seconds })).toThrow(
      new Error(`lib/trident: 1 error\n  - trident.installTimeoutSeconds: must be a whole number of seconds between 60 and 3600; got ${shown}; allowed: 60-3600`),
    );
  });

  test.each([
    [60, 180],
    [900, 1020],
    [3600, 3720],
  ])("installTimeoutSeconds %p is accepted: the wait hook gets it and the backends release waits 120 s longer (%p)", (seconds, releaseTimeout) => {
    const json = synthTrident({ installTimeoutSeconds: seconds });
    const backends = release(json, "trident-backends");
    expect(backends.timeout).toBe(releaseTimeout);
    expect(JSON.parse(backends.values[0]).wait).toEqual({ image: "registry.k8s.io/kubectl:v1.33.4", timeoutSeconds: seconds });
  });
});

describe("Trident option parsing", () => {
  test("an invalid option is reported under trident.<field> as a configuration error, not a crash", () => {
    expect(() => new Trident(newStack(), "trident", { cluster: adopted(), chartVersion: "2506" })).toThrow(
      new Error('lib/trident: 1 error\n  - trident.chartVersion: must be a trident-operator chart version such as 100.2506.0; got "2506"'),
    );
  });

  test("an invalid option and an out-of-range installTimeoutSeconds are reported together", () => {
    expect(() => new Trident(newStack(), "trident", { cluster: adopted(), controllerNodeSelector: { "bad key!": "x" }, installTimeoutSeconds: 30 })).toThrow(
      new Error(
        "lib/trident: 2 errors\n" +
          '  - trident.controllerNodeSelector.bad key!: is not a valid name: must be a Kubernetes label key such as example.com/role or role; got "bad key!"\n' +
          "  - trident.installTimeoutSeconds: must be a whole number of seconds between 60 and 3600; got 30; allowed: 60-3600",
      ),
    );
  });

  test("a cdktf token is accepted as chartVersion and reaches the operator release unchanged", () => {
    const stack = newStack();
    const version = new TerraformVariable(stack, "trident_chart_version", { type: "string" });
    new Trident(stack, "trident", { cluster: adopted(), chartVersion: version.stringValue });
    const synthesized = JSON.parse(Testing.synth(stack));
    expect(release(synthesized, "trident-operator").version).toBe("${var.trident_chart_version}");
  });
});

describe("Trident IAM", () => {
  test("the role is named <cluster>-trident- and trusts Pod Identity for trident/trident-controller of this cluster only", () => {
    const json = synthTrident();
    expect(Object.values(resources(json, "aws_iam_role"))).toEqual([{ name_prefix: "prod-trident-", assume_role_policy: JSON.stringify(POD_IDENTITY_TRUST) }]);
  });

  test("IRSA: the oidcProviderArn option wins over the cluster's; the role trusts that provider for trident:trident-controller with audience sts.amazonaws.com", () => {
    const cluster = ClusterRef.fromAttributes({ ...attrs, oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/CLUSTER" });
    const json = synthTrident({ identity: "irsa", oidcProviderArn: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OPTION" }, cluster);
    expect(JSON.parse(Object.values(resources(json, "aws_iam_role"))[0].assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/OPTION" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.eks.eu-west-1.amazonaws.com/id/OPTION:sub": "system:serviceaccount:trident:trident-controller",
              "oidc.eks.eu-west-1.amazonaws.com/id/OPTION:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
    expect(resources(json, "aws_eks_pod_identity_association")).toEqual({});
    expect(release(json, "trident-operator").depends_on).toEqual(["aws_iam_role_policy.trident_policy_3B562CB6"]);
  });

  test("the role's name prefix is cut to IAM's 38 characters", () => {
    const json = synthTrident({}, adopted("team-storage-production-eu-west1"));
    expect(Object.values(resources(json, "aws_iam_role"))[0].name_prefix).toBe("team-storage-production-eu-west1-tride");
  });

  test("the inline policy trident-fsx-ontap on the role grants FSx volume management on the registered file system and reads its SVM secret", () => {
    const json = synthTrident({}, adopted(), (stack, trident) => {
      trident.register({
        owner: new Construct(stack, "fsx"),
        fileSystemId: "fs-0123456789abcdef0",
        backends: [{ name: "apps-ontap-nas", driver: "ontap-nas", svm: "apps", fileSystemId: "fs-0123456789abcdef0", credentialsSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:fsx-apps-AbCdEf" }],
        storageClasses: [],
        secretArns: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:fsx-apps-AbCdEf"],
        dependsOn: [],
      });
    });
    const policies = Object.values(resources(json, "aws_iam_role_policy"));
    expect(policies).toHaveLength(1);
    expect(policies[0].name).toBe("trident-fsx-ontap");
    expect(policies[0].role).toMatch(/^\$\{aws_iam_role\.trident_role_[0-9A-F]{8}\.name\}$/);
    expect(JSON.parse(policies[0].policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Describe", Effect: "Allow", Action: ["fsx:DescribeFileSystems", "fsx:DescribeStorageVirtualMachines", "fsx:DescribeVolumes"], Resource: "*" },
        {
          Sid: "Volumes",
          Effect: "Allow",
          Action: ["fsx:CreateVolume", "fsx:DeleteVolume", "fsx:UpdateVolume"],
          Resource: [
            "arn:aws:fsx:eu-west-1:111122223333:file-system/fs-0123456789abcdef0",
            "arn:aws:fsx:eu-west-1:111122223333:storage-virtual-machine/fs-0123456789abcdef0/*",
            "arn:aws:fsx:eu-west-1:111122223333:volume/fs-0123456789abcdef0/*",
          ],
        },
        {
          Sid: "RestoreFromSnapshot",
          Effect: "Allow",
          Action: "fsx:RestoreVolumeFromSnapshot",
          Resource: ["arn:aws:fsx:eu-west-1:111122223333:volume/fs-0123456789abcdef0/*", "arn:aws:fsx:eu-west-1:111122223333:snapshot/*"],
        },
        {
          Sid: "Tags",
          Effect: "Allow",
          Action: ["fsx:TagResource", "fsx:UntagResource"],
          Resource: ["arn:aws:fsx:eu-west-1:111122223333:volume/fs-0123456789abcdef0/*", "arn:aws:fsx:eu-west-1:111122223333:snapshot/*"],
        },
        { Sid: "SvmCredentials", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:fsx-apps-AbCdEf"] },
      ],
    });
  });
});

describe("Trident operator release", () => {
  test("the operator waits for the cluster's workload dependencies, the role policy and the pod identity association", () => {
    const stack = newStack();
    const coredns = new EksAddon(stack, "coredns", { clusterName: "prod", addonName: "coredns" });
    new Trident(stack, "trident", { cluster: { ...adopted(), workloadDependencies: [coredns] } });
    const json = JSON.parse(Testing.synth(stack));
    expect(release(json, "trident-operator").depends_on).toEqual([
      "aws_eks_addon.coredns",
      "aws_iam_role_policy.trident_policy_3B562CB6",
      "aws_eks_pod_identity_association.trident_pod-identity_6370668D",
    ]);
  });

  test("a toleration without a value tolerates the key with Exists; one with a value uses Equal", () => {
    const json = synthTrident({ nodePluginTolerations: [{ key: "dedicated", value: "db", effect: "NoSchedule" }, { key: "gpu", effect: "NoExecute" }] });
    expect(operatorValues(json).tridentNodePluginTolerations).toEqual([
      { key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" },
      { key: "gpu", operator: "Exists", effect: "NoExecute" },
    ]);
  });

  test("with only NAS backends registered the operator values carry no nodePrep", () => {
    const json = synthTrident({}, adopted(), (stack, trident) => {
      trident.register({
        owner: new Construct(stack, "fsx"),
        fileSystemId: "fs-0123456789abcdef0",
        backends: [{ name: "apps-ontap-nas", driver: "ontap-nas", svm: "apps", fileSystemId: "fs-0123456789abcdef0", credentialsSecretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:fsx-apps-AbCdEf" }],
        storageClasses: [],
        secretArns: [],
        dependsOn: [],
      });
    });
    expect(Object.keys(operatorValues(json))).toEqual(["affinity", "tridentSilenceAutosupport"]);
    expect(operatorValues(json)).toEqual({ affinity: CHART_AFFINITY, tridentSilenceAutosupport: false });
  });
});

// Found by the mutation review: with an OIDC provider ARN known only at apply, the regex kept the
// whole token, so the condition keys were "<ARN>:sub" and IRSA could never be assumed.
describe("IRSA trust with an OIDC provider ARN known only at apply", () => {
  test("the condition keys take the issuer from Terraform (element(split(\"oidc-provider/\", arn), 1)), the principal is the ARN", () => {
    const stack = new TerraformStack(Testing.app(), "irsa");
    const arn = new TerraformVariable(stack, "oidc", { type: "string" }).stringValue;
    new IamRole(stack, "role", { assumeRolePolicy: tridentIrsaTrustPolicy(arn) });
    const role = JSON.parse(Testing.synth(stack)).resource.aws_iam_role.role;
    // Not JSON until Terraform evaluates the template (the quotes inside ${...} are HCL's).
    expect(role.assume_role_policy).toBe(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"${var.oidc}"},"Action":"sts:AssumeRoleWithWebIdentity",' +
        '"Condition":{"StringEquals":{"${element(split("oidc-provider/", var.oidc), 1)}:sub":"system:serviceaccount:trident:trident-controller",' +
        '"${element(split("oidc-provider/", var.oidc), 1)}:aud":"sts.amazonaws.com"}}}]}',
    );
  });

  test("a literal ARN still gives the literal issuer", () => {
    const policy = JSON.parse(tridentIrsaTrustPolicy("arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"));
    expect(Object.keys(policy.Statement[0].Condition.StringEquals)).toEqual([
      "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub",
      "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:aud",
    ]);
  });
});
