import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as path from "path";
import { packageRoot } from "../../plan/compiled";
import { planStack } from "../../plan/planStack";

/** A program that imports the component by the package's name and creates a bucket and a ConfigMap of its own. */
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
        assert.deepEqual(plan.genericMocks, ["aws:s3/bucket:Bucket", "kubernetes:core/v1:ConfigMap"]);
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

    it("npm run plan lists them in the text and in --json, the program run by ts-node beside the compiled plan", () => {
        const text = npmRunPlan(["--project-dir", consumerDir, "--stack", "test"]);
        assert.equal(text.status, 0, text.stderr);
        assert.match(
            text.stdout,
            /\nMocked generically \(inputs echoed, ids and ARNs derived where the type's shape is known, other outputs missing\): aws:s3\/bucket:Bucket, kubernetes:core\/v1:ConfigMap\n/,
        );
        const json = npmRunPlan(["--project-dir", consumerDir, "--stack", "test", "--json"]);
        assert.equal(json.status, 0, json.stderr);
        assert.deepEqual(JSON.parse(json.stdout).genericMocks, ["aws:s3/bucket:Bucket", "kubernetes:core/v1:ConfigMap"]);
    });
});
