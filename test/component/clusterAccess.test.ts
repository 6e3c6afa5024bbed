import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { KarpenterCluster, KarpenterClusterArgs, validateArgs } from "../../components";
import { creatorAdminProblems, samePrincipal } from "../../components/cluster/clusterCreator";
import { credentialsOfProviderConfig, withProfile } from "../../components/cluster/kubeconfigCredentials";
import { defaultMockEnvironment } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";
import { RegisteredStack } from "../support/stack";

/** Who administers the cluster (clusterAdmins against the creator) and whom the component's Kubernetes provider authenticates as. */

const account = defaultMockEnvironment.accountId;
const ciSession = `arn:aws:sts::${account}:assumed-role/ci/1700000000000`;
const getClusters = "aws:eks/getClusters:getClusters";

interface Deployment {
    /** `aws:` stack config besides the region, e.g. `{ profile: "deploy" }`. */
    aws?: Record<string, unknown>;
    /** The caller GetCallerIdentity answers. @default the mocks' `user/offline-plan` */
    callerArn?: string;
    /** Clusters that exist in the region already. @default none */
    existingClusters?: string[];
}

/** `new KarpenterCluster("test", args)` under the realistic mocks, changed as `deployment` says; `calls` records the invokes. */
async function deploy(args: KarpenterClusterArgs, deployment: Deployment = {}, calls: string[] = []): Promise<RegisteredStack> {
    const awsConfig = Object.entries(deployment.aws ?? {}).map(([key, value]) => [`aws:${key}`, typeof value === "string" ? value : JSON.stringify(value)]);
    const options = { project: "karpenter-cluster", stack: "test", config: { "aws:region": defaultMockEnvironment.region, ...Object.fromEntries(awsConfig) }, env: defaultMockEnvironment, firstPreview: false };
    const run = await runProgram({
        ...options,
        program: () => new KarpenterCluster("test", args),
        wrapMocks: (mocks) => ({
            newResource: (resource) => mocks.newResource(resource),
            call: (call) => {
                calls.push(call.token);
                const answer = mocks.call(call);
                if (call.token === "aws:index/getCallerIdentity:getCallerIdentity" && deployment.callerArn) {
                    return { ...answer, arn: deployment.callerArn };
                }
                return call.token === getClusters ? { ...answer, names: deployment.existingClusters ?? [] } : answer;
            },
        }),
    });
    return new RegisteredStack(run.resources, run.errors, options);
}

/** The kubeconfig the component's Kubernetes provider was given (a secret input). */
function providerKubeconfig(stack: RegisteredStack): { users: { user: { exec: { args: string[] } } }[] } {
    const input = stack.byName("test-k8s").inputs.kubeconfig as Record<string, unknown>;
    assert.equal(input[pulumi.runtime.specialSigKey], pulumi.runtime.specialSecretSig, "the provider's kubeconfig is a secret");
    return JSON.parse(input.value as string);
}

/** The token command pulumi-eks's generateKubeconfig writes for cluster "test" without credentials. */
const tokenArgs = ["--region", defaultMockEnvironment.region, "eks", "get-token", "--cluster-name", "test", "--output", "json"];

describe("samePrincipal", () => {
    const cases: [string, string, boolean][] = [
        [ciSession, `arn:aws:iam::${account}:role/ci`, true],
        // An assumed-role ARN has no path; IAM role names are unique in an account whatever the path.
        [ciSession, `arn:aws:iam::${account}:role/automation/ci`, true],
        [ciSession, `arn:aws:iam::${account}:role/CI`, true],
        [ciSession, `arn:aws:iam::${account}:role/ci-readonly`, false],
        [ciSession, "arn:aws:iam::111122223333:role/ci", false],
        [ciSession, `arn:aws-cn:iam::${account}:role/ci`, false],
        [ciSession, `arn:aws:iam::${account}:user/ci`, false],
        [`arn:aws:iam::${account}:user/team/alice`, `arn:aws:iam::${account}:user/alice`, true],
        [`arn:aws:iam::${account}:root`, `arn:aws:iam::${account}:user/root`, false],
        [`arn:aws:sts::${account}:federated-user/alice`, `arn:aws:iam::${account}:user/alice`, false],
    ];
    for (const [caller, admin, same] of cases) {
        it(`${caller} ${same ? "is" : "is not"} ${admin}`, () => assert.equal(samePrincipal(caller, admin), same));
    }
});

describe("clusterAdmins that include the identity creating the cluster", () => {
    const admins = ["arn:aws:iam::111122223333:role/platform-admins", `arn:aws:iam::${account}:role/automation/ci`];

    it("names the admin and why, in one problem", () => {
        assert.deepEqual(creatorAdminProblems(admins, ciSession, "prod"), [
            {
                path: "clusterAdmins[1]",
                message:
                    `is the identity creating cluster "prod" (${ciSession}), which EKS makes cluster admin already (pulumi-eks sets ` +
                    "bootstrapClusterCreatorAdminPermissions); a second access entry for it fails with 409 ResourceInUseException: " +
                    "remove it, or create the cluster as another identity",
            },
        ]);
        assert.deepEqual(creatorAdminProblems(admins.slice(0, 1), ciSession, "prod"), []);
    });

    it("fails before anything is registered when the caller would create the cluster", async () => {
        const calls: string[] = [];
        const stack = await deploy({ clusterName: "prod", clusterAdmins: admins }, { callerArn: ciSession }, calls);
        // The creation gate holds every child back, not only the cluster whose access entries it concerns.
        assert.deepEqual(stack.resources.map((r) => r.type), ["pulumi:pulumi:Stack", "karpenter-cluster:index:KarpenterCluster"]);
        assert.deepEqual(
            stack.errors.map((e) => e.message),
            [`invalid configuration (1 problem):\n  - ${creatorAdminProblems(admins, ciSession, "prod").map((p) => `${p.path}: ${p.message}`)[0]}`],
        );
        assert.ok(calls.includes(getClusters));
    });

    it("lets a listed identity deploy a cluster that someone else created", async () => {
        const stack = await deploy({ clusterName: "prod", clusterAdmins: admins }, { callerArn: ciSession, existingClusters: ["dev", "prod"] });
        assert.deepEqual(stack.errors, []);
        const entries = Object.values(stack.one("eks:index:Cluster").inputs.accessEntries as Record<string, { principalArn: string }>);
        assert.deepEqual(entries.map((e) => e.principalArn).sort(), [...admins].sort());
    });

    it("asks EKS nothing when no admin is the caller", async () => {
        const calls: string[] = [];
        const stack = await deploy({ clusterAdmins: admins }, {}, calls);
        assert.deepEqual(stack.errors, []);
        assert.equal(calls.includes(getClusters), false);
    });
});

describe("kubeconfig credentials of the component's Kubernetes provider", () => {
    it("adds aws:profile to the provider's token command, and to pulumi-eks's providerCredentialOpts", async () => {
        const stack = await deploy({}, { aws: { profile: "deploy" } });
        assert.deepEqual(stack.errors, []);
        assert.deepEqual(stack.one("eks:index:Cluster").inputs.providerCredentialOpts, { profileName: "deploy" });
        assert.deepEqual(providerKubeconfig(stack).users[0].user.exec.args, [...tokenArgs, "--profile", "deploy"]);
        // The kubeconfig output stays pulumi-eks's kubeconfigJson: a profile name means nothing on another machine.
        const output = stack.byName("test").outputs.kubeconfig as Record<string, string>;
        assert.deepEqual(JSON.parse(output.value).users[0].user.exec.args, tokenArgs);
    });

    it("assumes the role of a one-role aws:assumeRoles, with the profile's credentials", async () => {
        const roleArn = `arn:aws:iam::${account}:role/deployer`;
        const stack = await deploy({}, { aws: { profile: "deploy", assumeRoles: [{ roleArn, sessionName: "pulumi" }] } });
        assert.deepEqual(stack.one("eks:index:Cluster").inputs.providerCredentialOpts, { profileName: "deploy", roleArn });
        assert.deepEqual(providerKubeconfig(stack).users[0].user.exec.args, [...tokenArgs, "--role", roleArn, "--profile", "deploy"]);
    });

    it("takes kubeconfigCredentials over the stack config, as a whole", async () => {
        const roleArn = `arn:aws:iam::${account}:role/cluster-admin`;
        const stack = await deploy({ kubeconfigCredentials: { roleArn } }, { aws: { profile: "deploy" } });
        assert.deepEqual(stack.one("eks:index:Cluster").inputs.providerCredentialOpts, { roleArn });
        assert.deepEqual(providerKubeconfig(stack).users[0].user.exec.args, [...tokenArgs, "--role", roleArn]);
    });

    it("leaves the kubeconfig and pulumi-eks's defaults alone without a profile or role", async () => {
        const stack = await deploy({});
        assert.equal(stack.one("eks:index:Cluster").inputs.providerCredentialOpts, undefined);
        assert.deepEqual(providerKubeconfig(stack).users[0].user.exec.args, tokenArgs);
    });

    it("warns about a role chain, which one --role cannot repeat, and assumes none", () => {
        const roles = [{ roleArn: `arn:aws:iam::${account}:role/hop` }, { roleArn: "arn:aws:iam::111122223333:role/deployer" }];
        const { credentials, warning } = credentialsOfProviderConfig({ profile: "deploy", assumeRoles: roles });
        assert.deepEqual(credentials, { profileName: "deploy" });
        assert.match(warning ?? "", /^aws:assumeRoles chains 2 roles, .* authenticates as profile "deploy"\. Set kubeconfigCredentials/);
        assert.deepEqual(credentialsOfProviderConfig({}), { credentials: undefined, warning: undefined });
    });

    it("appends --profile after pulumi-eks's own arguments, as its generateKubeconfig does", () => {
        const kubeconfig = { kind: "Config", users: [{ name: "aws", user: { exec: { command: "aws", args: ["--region", "us-west-2", "eks", "get-token", "--role", "r"] } } }] };
        assert.deepEqual(withProfile(kubeconfig, "deploy").users[0].user.exec.args, ["--region", "us-west-2", "eks", "get-token", "--role", "r", "--profile", "deploy"]);
        assert.deepEqual(kubeconfig.users[0].user.exec.args.length, 6, "the input is not changed");
    });

    it("validates the credentials like every other argument", () => {
        assert.deepEqual(validateArgs({ kubeconfigCredentials: { profileName: " deploy", roleArn: "arn:aws:iam::111122223333:user/alice" } }), [
            { path: "kubeconfigCredentials.profileName", message: 'must be an AWS profile name, got " deploy"' },
            { path: "kubeconfigCredentials.roleArn", message: 'must be an IAM role ARN such as "arn:aws:iam::111122223333:role/deployer", got "arn:aws:iam::111122223333:user/alice"' },
        ]);
    });
});
