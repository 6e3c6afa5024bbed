import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { genericResource } from "../../plan/genericMocks";
import { RealisticMocks } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";

const env = { region: "eu-west-1", accountId: "123456789012", partition: "aws" };

describe("generic mock of a resource type without a specific one", () => {
    const aws: [string, Record<string, unknown>, { id: Expected; arn: Expected; name?: [string, Expected] }][] = [
        ["aws:s3/bucketV2:BucketV2", { bucket: "logs" }, { id: "logs", arn: "arn:aws:s3:::logs" }],
        ["aws:s3/bucket:Bucket", {}, { id: /^artifacts-[0-9a-f]{7}$/, arn: /^arn:aws:s3:::artifacts-[0-9a-f]{7}$/, name: ["bucket", /^artifacts-[0-9a-f]{7}$/] }],
        ["aws:iam/user:User", { name: "ci" }, { id: "ci", arn: "arn:aws:iam::123456789012:user/ci" }],
        ["aws:iam/group:Group", { name: "ops", path: "/teams/" }, { id: "ops", arn: "arn:aws:iam::123456789012:group/teams/ops" }],
        ["aws:sns/topic:Topic", { name: "alerts" }, { id: "arn:aws:sns:eu-west-1:123456789012:alerts", arn: "arn:aws:sns:eu-west-1:123456789012:alerts" }],
        ["aws:dynamodb/table:Table", { name: "locks" }, { id: "locks", arn: "arn:aws:dynamodb:eu-west-1:123456789012:table/locks" }],
        ["aws:lambda/function:Function", { name: "resize" }, { id: "resize", arn: "arn:aws:lambda:eu-west-1:123456789012:function:resize" }],
        ["aws:rds/instance:Instance", { identifier: "orders" }, { id: /^db-[0-9A-F]{26}$/, arn: "arn:aws:rds:eu-west-1:123456789012:db:orders" }],
        ["aws:rds/cluster:Cluster", { clusterIdentifier: "orders" }, { id: "orders", arn: "arn:aws:rds:eu-west-1:123456789012:cluster:orders" }],
        ["aws:ec2/vpc:Vpc", { cidrBlock: "10.1.0.0/16" }, { id: /^vpc-[0-9a-f]{17}$/, arn: /^arn:aws:ec2:eu-west-1:123456789012:vpc\/vpc-[0-9a-f]{17}$/ }],
        ["aws:ec2/natGateway:NatGateway", {}, { id: /^nat-[0-9a-f]{17}$/, arn: /^arn:aws:ec2:eu-west-1:123456789012:natgateway\/nat-[0-9a-f]{17}$/ }],
        ["aws:ebs/volume:Volume", {}, { id: /^vol-[0-9a-f]{17}$/, arn: /^arn:aws:ec2:eu-west-1:123456789012:volume\/vol-[0-9a-f]{17}$/ }],
    ];
    for (const [type, inputs, expected] of aws) {
        it(`${type}: echoes the inputs, with its id and ARN`, () => {
            const { state, approximate } = genericResource(type, "artifacts", inputs, env);
            assert.equal(approximate, true);
            matches(state.id, expected.id, "id");
            matches(state.state.arn, expected.arn, "arn");
            for (const [key, value] of Object.entries(inputs)) {
                assert.deepEqual(state.state[key], value, key);
            }
            if (expected.name) {
                matches(state.state[expected.name[0]], expected.name[1], expected.name[0]);
            }
        });
    }

    it("an ARN carries the stack's partition", () => {
        assert.equal(genericResource("aws:s3/bucketV2:BucketV2", "b", { bucket: "logs" }, { ...env, region: "cn-north-1", partition: "aws-cn" }).state.state.arn, "arn:aws-cn:s3:::logs");
        assert.equal(
            genericResource("aws:dynamodb/table:Table", "t", { name: "locks" }, { ...env, region: "us-gov-west-1", partition: "aws-us-gov" }).state.state.arn,
            "arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/locks",
        );
    });

    it("autonames as the bridged provider does: lower-cased where the name must be, a prefix when one is asked for", () => {
        assert.match(genericResource("aws:rds/instance:Instance", "Orders", {}, env).state.state.identifier as string, /^orders-[0-9a-f]{7}$/);
        assert.match(genericResource("aws:dynamodb/table:Table", "Locks", {}, env).state.state.name as string, /^Locks-[0-9a-f]{7}$/);
        assert.match(genericResource("aws:s3/bucketV2:BucketV2", "b", { bucketPrefix: "logs-" }, env).state.state.bucket as string, /^logs-[0-9a-f]{26}$/);
        const instance = genericResource("aws:rds/instance:Instance", "db", { identifier: "orders" }, env).state;
        assert.equal(instance.state.resourceId, instance.id);
    });

    it("an AWS type of unknown shape: its inputs, an id, and no invented ARN", () => {
        const { state } = genericResource("aws:ssm/parameter:Parameter", "flag", { type: "String", value: "on" }, env);
        assert.deepEqual(state.state, { type: "String", value: "on" });
        assert.match(state.id!, /^flag-[0-9a-f]{7}$/);
    });

    it("a resource read with .get() keeps the id it was read by", () => {
        assert.equal(genericResource("aws:s3/bucketV2:BucketV2", "existing", {}, env, "shared-logs").state.id, "shared-logs");
    });

    describe("Kubernetes objects", () => {
        it("a namespaced kind without a namespace lands in default, id namespace/name, with a uid", () => {
            const { state } = genericResource("kubernetes:core/v1:ConfigMap", "settings", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { a: "b" } }, env);
            assert.equal(state.id, "default/settings");
            assert.deepEqual(state.state.data, { a: "b" });
            assert.equal(state.state.metadata.namespace, "default");
            assert.match(state.state.metadata.uid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        });

        it("the given namespace is kept", () => {
            assert.equal(genericResource("kubernetes:core/v1:ConfigMap", "settings", { metadata: { name: "settings", namespace: "apps" } }, env).state.id, "apps/settings");
        });

        it("a cluster-scoped kind has no namespace: its id is its name", () => {
            const { state } = genericResource("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "reader", { metadata: { name: "reader" } }, env);
            assert.equal(state.id, "reader");
            assert.equal("namespace" in state.state.metadata, false);
        });

        it("an unnamed object is autonamed <name>-<8 hex> and annotated so", () => {
            const { state } = genericResource("kubernetes:core/v1:ConfigMap", "settings", { metadata: { labels: { app: "x" } } }, env);
            assert.match(state.id!, /^default\/settings-[0-9a-f]{8}$/);
            assert.deepEqual(state.state.metadata.annotations, { "pulumi.com/autonamed": "true" });
            assert.deepEqual(state.state.metadata.labels, { app: "x" });
        });

        it("a custom resource keeps only the namespace it was given: its scope is its CRD's", () => {
            assert.equal(genericResource("kubernetes:cert-manager.io/v1:Certificate", "tls", { metadata: { name: "tls" } }, env).state.id, "tls");
        });
    });

    it("a provider of any package is registered as the engine does, exactly: a UUID and its inputs", () => {
        const { state, approximate } = genericResource("pulumi:providers:random", "rand", { version: "4.16.0" }, env);
        assert.equal(approximate, false);
        assert.match(state.id!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.deepEqual(state.state, { version: "4.16.0" });
    });
});

describe("RealisticMocks with types the stack does not create", () => {
    const register = (mocks: RealisticMocks, type: string, name: string, inputs: Record<string, unknown> = {}) => mocks.newResource({ type, name, inputs, custom: true });

    it("answer an unknown type generically and list it once, sorted; a type with a specific mock is not listed", () => {
        const mocks = new RealisticMocks();
        register(mocks, "kubernetes:core/v1:ConfigMap", "a", { metadata: { name: "a" } });
        register(mocks, "aws:s3/bucketV2:BucketV2", "b");
        register(mocks, "kubernetes:core/v1:ConfigMap", "c", { metadata: { name: "c" } });
        register(mocks, "aws:iam/role:Role", "r", { name: "r" });
        register(mocks, "pulumi:providers:random", "p");
        assert.deepEqual(mocks.genericallyMocked, ["aws:s3/bucketV2:BucketV2", "kubernetes:core/v1:ConfigMap"]);
    });

    it("in a first preview, answer with the inputs and what the provider computes unknown, and still list the type", () => {
        const mocks = new RealisticMocks(undefined, true);
        const unknown = pulumi.runtime.unknownValue;
        assert.deepEqual(register(mocks, "aws:s3/bucketV2:BucketV2", "b", { tags: { a: "b" } }), { id: "", state: { tags: { a: "b" }, bucket: unknown, arn: unknown } });
        assert.deepEqual(mocks.genericallyMocked, ["aws:s3/bucketV2:BucketV2"]);
    });

    it("still throw on a function without a mock: its answer shapes the stack", () => {
        assert.throws(() => new RealisticMocks().call({ token: "aws:s3/getBucket:getBucket", inputs: { bucket: "logs" } }), /^Error: Mock not implemented: aws:s3\/getBucket:getBucket; /);
    });

    it("fail the registration of a remote component the plan does not expand, and not of a local component", async () => {
        const run = await runProgram({
            project: "consumer",
            stack: "test",
            config: {},
            env: { region: "eu-west-1", accountId: "123456789012" },
            program: () => {
                new pulumi.ComponentResource("awsx:lb:ApplicationLoadBalancer", "web", {}, {}, true);
                new pulumi.ComponentResource("consumer:index:Platform", "platform", {}, {});
            },
        });
        assert.deepEqual(
            run.errors.map((e) => e.message),
            [
                'failed to register new resource web [awsx:lb:ApplicationLoadBalancer]: remote component awsx:lb:ApplicationLoadBalancer "web" is not emulated by the offline plan, which expands only eks:index:Cluster and awsx:ec2:Vpc',
            ],
        );
        assert.deepEqual(run.resources.map((r) => r.type), ["pulumi:pulumi:Stack", "consumer:index:Platform"]);
    });
});

type Expected = string | RegExp;

function matches(actual: unknown, expected: Expected, label: string): void {
    if (typeof expected === "string") {
        assert.equal(actual, expected, label);
    } else {
        assert.match(String(actual), expected, label);
    }
}
