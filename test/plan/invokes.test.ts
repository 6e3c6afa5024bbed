import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { KarpenterCluster } from "../../components";
import { CapturedResource } from "../../plan/capture";
import { InvokeRecorder } from "../../plan/invokes";
import { defaultMockEnvironment } from "../../plan/mocks";
import { planStack } from "../../plan/planStack";
import { runProgram } from "../../plan/runProgram";
import { projectDir } from "./support";

const getCallerIdentity = "aws:index/getCallerIdentity:getCallerIdentity";
const getRegion = "aws:index/getRegion:getRegion";

function controllerRegion(resources: CapturedResource[]): string {
    const release = resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.inputs.name === "karpenter")!;
    const env = (release.inputs.values as { controller: { env: { name: string; value: string }[] } }).controller.env;
    return env.find((e) => e.name === "AWS_REGION")!.value;
}

/** Each provider function call is a network round trip in a real preview; only the account id needs one. */
describe("provider calls the program makes", () => {
    it("the dev stack asks only for the caller's identity, in a plan and in a first preview", async () => {
        for (const firstPreview of [false, true]) {
            const recorder = new InvokeRecorder();
            const plan = await planStack({ projectDir, stack: "dev", firstPreview, wrapMocks: recorder.wrap });
            assert.deepEqual(plan.problems, []);
            assert.deepEqual(recorder.tokens, [getCallerIdentity], `firstPreview: ${firstPreview}`);
        }
    });

    describe("the region", () => {
        const savedEnv = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
        beforeEach(() => {
            delete process.env.AWS_REGION;
            delete process.env.AWS_DEFAULT_REGION;
        });
        afterEach(() => {
            for (const [key, value] of Object.entries(savedEnv)) {
                if (value === undefined) {
                    delete process.env[key];
                } else {
                    process.env[key] = value;
                }
            }
        });

        async function register(config: Record<string, string>, region: string, program: () => unknown) {
            const recorder = new InvokeRecorder();
            const run = await runProgram({
                project: "karpenter-cluster",
                stack: "test",
                config,
                env: { ...defaultMockEnvironment, region },
                program,
                wrapMocks: recorder.wrap,
            });
            assert.deepEqual(run.errors, []);
            return { resources: run.resources, tokens: recorder.tokens };
        }

        it("comes from an explicit AWS provider over aws:region, with its partition", async () => {
            const { resources, tokens } = await register({ "aws:region": "us-west-2" }, "cn-north-1", () => {
                const provider = new aws.Provider("china", { region: "cn-north-1" });
                new KarpenterCluster("test", {}, { providers: [provider] });
            });
            assert.deepEqual(tokens, [getCallerIdentity]);
            assert.equal(controllerRegion(resources), "cn-north-1");
            const nodeRole = resources.find((r) => r.name === "test-node-role")!;
            assert.match(nodeRole.inputs.assumeRolePolicy as string, /"Service":"ec2\.amazonaws\.com\.cn"/);
        });

        it("comes from AWS_REGION when aws:region is not set", async () => {
            process.env.AWS_REGION = "us-gov-west-1";
            const { resources, tokens } = await register({}, "us-gov-west-1", () => new KarpenterCluster("test", {}));
            assert.deepEqual(tokens, [getCallerIdentity]);
            assert.equal(controllerRegion(resources), "us-gov-west-1");
            const policy = resources.find((r) => r.name === "test-controller-EKSIntegration-policy")!;
            assert.match(policy.inputs.policy as string, /arn:aws-us-gov:eks:us-gov-west-1:/);
        });

        it("is asked of the provider only when no config names it", async () => {
            const { resources, tokens } = await register({}, "eu-west-1", () => new KarpenterCluster("test", {}));
            assert.deepEqual([...tokens].sort(), [getCallerIdentity, getRegion]);
            assert.equal(controllerRegion(resources), "eu-west-1");
        });
    });
});
