import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { validated } from "../../components/config/lateValidation";
import { subnetId, vpcId } from "../../components/config/formats";
import { Problem, ValidationError } from "../../components/config/problems";
import { validateArgs } from "../../components/config/validateArgs";

/**
 * The value of `output`, or its failure. The public API only passes values forward (`apply`), so a
 * failing apply is observed through the SDK's internal promise; the same failure also rejects the
 * output's `isKnown` and `isSecret` promises, which are awaited here so none goes unhandled.
 */
async function settle<T>(output: pulumi.Output<T>): Promise<T> {
    const internal = output as unknown as { promise(): Promise<T>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
    await Promise.allSettled([internal.isKnown, internal.isSecret]);
    return internal.promise();
}

/** The problems the up-front check reports for these network arguments. */
function upFront(network: Record<string, unknown>) {
    return validateArgs({ network });
}

/** Asserts that `output` fails with a ValidationError listing exactly `expected`. */
async function assertFailsWith(output: pulumi.Output<unknown>, expected: Problem[]): Promise<void> {
    await assert.rejects(settle(output), (error: unknown) => {
        assert.ok(ValidationError.isInstance(error), `expected a ValidationError, got ${String(error)}`);
        assert.deepStrictEqual(error.problems, expected);
        return true;
    });
}

describe("validated (late validation of outputs)", () => {
    it("fails an output that resolves to a bad subnet id with the up-front message", async () => {
        const expected = upFront({ vpcId: "vpc-0abc1234def567890", privateSubnetIds: ["subnet-xyz", "subnet-0123456789abcdef0"] });
        assert.deepStrictEqual(expected, [{ path: "network.privateSubnetIds[0]", message: 'must be a subnet id such as "subnet-0abc1234def567890", got "subnet-xyz"' }]);
        await assertFailsWith(validated(pulumi.output("subnet-xyz"), "network.privateSubnetIds[0]", subnetId), expected);
    });

    it("prints the problem with its path and no stack trace", async () => {
        await assert.rejects(settle(validated(pulumi.output("subnet-xyz"), "network.publicSubnetIds[0]", subnetId)), {
            name: "ValidationError",
            message: 'invalid configuration (1 problem):\n  - network.publicSubnetIds[0]: must be a subnet id such as "subnet-0abc1234def567890", got "subnet-xyz"',
        });
        assert.ok(pulumi.RunError.isInstance(new ValidationError([])), "a RunError, which Pulumi prints without a stack trace");
    });

    it("fails a VPC id that a promise resolves later", async () => {
        const expected = upFront({ vpcId: "vpc-123", privateSubnetIds: ["subnet-0abc1234def567890", "subnet-0123456789abcdef0"] });
        await assertFailsWith(validated(pulumi.output(Promise.resolve("vpc-123")), "network.vpcId", vpcId), expected);
    });

    it("passes a good value through unchanged", async () => {
        assert.equal(await settle(validated(pulumi.output("subnet-0abc1234def567890"), "network.privateSubnetIds[0]", subnetId)), "subnet-0abc1234def567890");
    });

    it("accepts outputs up front, leaving them to the late check", () => {
        assert.deepStrictEqual(upFront({ vpcId: pulumi.output("vpc-123"), privateSubnetIds: [pulumi.output("subnet-xyz"), pulumi.output("subnet-abc")] }), []);
    });
});
