import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { spawnSync } from "child_process";
import * as path from "path";
import { packageRoot } from "../../plan/compiled";
import { planStack } from "../../plan/planStack";

/** A program that imports the component by the package's name and creates a bucket, a ConfigMap and an SNS topic with a subscription of its own. */
const consumerDir = path.join(__dirname, "consumer");

/** `npm run plan -- ...`, as a user runs it: compiled, through plan/compiled.js. */
function npmRunPlan(args: string[]) {
    return spawnSync(process.execPath, [path.join(packageRoot, "plan", "compiled.js"), "plan/cli", ...args], { cwd: packageRoot, encoding: "utf8" });
}

describe("a consumer program with resource types the plan has no specific mock for", () => {
    let plan: Awaited<ReturnType<typeof planStack>>;

    before(async () => {
        plan = await planStack({ projectDir: consumerDir, stack: "test" });
    });

    it("imports the component by the package's name, which resolves to the built library, rebuilt by the plan when stale", () => {
        assert.equal(require.resolve("karpenter-cluster", { paths: [consumerDir] }), path.join(packageRoot, "dist", "index.js"));
    });

    it("is planned, with the types it mocked generically named", () => {
        assert.deepEqual(plan.problems, []);
        assert.deepEqual(plan.genericMocks, ["aws:s3/bucket:Bucket", "aws:sns/topic:Topic", "aws:sns/topicSubscription:TopicSubscription", "kubernetes:core/v1:ConfigMap"]);
        assert.ok(plan.resources.some((r) => r.type === "karpenter-cluster:index:KarpenterCluster"));
    });

    it("derives the bucket's autoname and ARN, and the ConfigMap receives them through outputs", () => {
        const bucket = plan.resources.find((r) => r.type === "aws:s3/bucket:Bucket")!;
        assert.match(bucket.outputs.bucket as string, /^artifacts-[0-9a-f]{7}$/);
        assert.equal(bucket.outputs.arn, `arn:aws:s3:::${bucket.outputs.bucket}`);
        assert.equal(bucket.id, bucket.outputs.bucket);
        const settings = plan.resources.find((r) => r.type === "kubernetes:core/v1:ConfigMap")!;
        assert.deepEqual(settings.inputs.data, { bucket: bucket.outputs.bucket, bucketArn: bucket.outputs.arn });
        assert.match(settings.id!, /^default\/settings-[0-9a-f]{8}$/);
        assert.match(settings.provider!, /pulumi:providers:kubernetes::platform-k8s::/);
    });

    it("passes a resource as a reference, and the mocks echo it as one", () => {
        const topic = plan.resources.find((r) => r.type === "aws:sns/topic:Topic")!;
        const subscription = plan.resources.find((r) => r.type === "aws:sns/topicSubscription:TopicSubscription")!;
        const reference = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialResourceSig, urn: topic.urn, id: topic.id };
        assert.deepEqual(subscription.inputs.topic, reference);
        assert.deepEqual(subscription.outputs.topic, reference);
    });

    it("npm run plan lists them in the text and in --json, the program run by ts-node beside the compiled plan", () => {
        const text = npmRunPlan(["--project-dir", consumerDir, "--stack", "test"]);
        assert.equal(text.status, 0, text.stderr);
        assert.match(
            text.stdout,
            /\nMocked generically \(inputs echoed, ids and ARNs derived where the type's shape is known, other outputs missing\): aws:s3\/bucket:Bucket, aws:sns\/topic:Topic, aws:sns\/topicSubscription:TopicSubscription, kubernetes:core\/v1:ConfigMap\n/,
        );
        const json = npmRunPlan(["--project-dir", consumerDir, "--stack", "test", "--json"]);
        assert.equal(json.status, 0, json.stderr);
        // The CLI defers the SDK modules a plan does not use (plan/deferredModules.ts); what it records is what the plan records without.
        assert.deepEqual(JSON.parse(json.stdout).deployment, JSON.parse(JSON.stringify(plan.stackExport.deployment)));
        assert.deepEqual(JSON.parse(json.stdout).genericMocks, ["aws:s3/bucket:Bucket", "aws:sns/topic:Topic", "aws:sns/topicSubscription:TopicSubscription", "kubernetes:core/v1:ConfigMap"]);
    });
});
