import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource } from "../../plan/capture";
import { defaultMockEnvironment } from "../../plan/mocks";
import { runProgram } from "../../plan/runProgram";
import { devVpcInputs, unknown } from "./remote/fixtures";

const sig = pulumi.runtime.specialSigKey;
const resourceSig = pulumi.runtime.specialResourceSig;

/** Registers what `program` creates under the plan's mocks and recording, as the plan runs a stack. */
async function capture(program: () => void, firstPreview = false): Promise<CapturedResource[]> {
    const run = await runProgram({ project: "p", stack: "s", config: { "aws:region": "us-west-2" }, env: defaultMockEnvironment, firstPreview, program });
    assert.deepEqual(run.errors, []);
    return run.resources;
}

const named = (resources: CapturedResource[], name: string) => resources.find((r) => r.name === name)!;

class Part extends pulumi.ComponentResource {
    constructor(name: string, opts: pulumi.ComponentResourceOptions) {
        super("test:index:Part", name, {}, opts);
        this.registerOutputs({});
    }
}

/** A component whose registered outputs hold a custom resource and a component. */
class Holder extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:index:Holder", name, {}, {});
        const queue = new aws.sqs.Queue(`${name}-queue`, { name: `${name}-queue` }, { parent: this });
        const part = new Part(`${name}-part`, { parent: this });
        this.registerOutputs({ queue, part });
    }
}

describe("registrations as the engine records them", () => {
    it("keeps the resources in a component's registered outputs as the references the SDK sends", async () => {
        const resources = await capture(() => new Holder("h"));
        const queue = named(resources, "h-queue");
        assert.deepEqual(named(resources, "h").outputs, {
            queue: { [sig]: resourceSig, urn: queue.urn, id: queue.id },
            part: { [sig]: resourceSig, urn: named(resources, "h-part").urn },
        });
    });

    it("makes a remote component's outputs depend on the children they come from, as Construct reports them", async () => {
        const resources = await capture(() => {
            const vpc = new awsx.ec2.Vpc("net", devVpcInputs() as awsx.ec2.VpcArgs);
            new aws.ec2.Tag("tag", { resourceId: vpc.vpcId, key: "k", value: "v" });
        });
        const component = named(resources, "net");
        assert.deepEqual(named(resources, "tag").propertyDependencies.resourceId, [`urn:pulumi:s::p::awsx:ec2:Vpc$aws:ec2/vpc:Vpc::net`, component.urn]);
    });

    it("in a first preview, answers a custom resource with its inputs and every computed attribute unknown", async () => {
        const resources = await capture(() => new aws.iam.Role("role", { name: "r", assumeRolePolicy: "{}" }), true);
        const role = named(resources, "role");
        assert.deepEqual([role.id, role.outputs.name, role.outputs.arn, role.outputs.uniqueId], [undefined, "r", unknown, unknown]);
    });

    it("gives a provider the program creates a UUID, unknown when a first preview creates it", async () => {
        const program = () => new k8s.Provider("k8s", { kubeconfig: "{}" });
        assert.match(named(await capture(program), "k8s").id!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        assert.equal(named(await capture(program, true), "k8s").id, unknown);
    });
});
