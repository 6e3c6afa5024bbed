import { strict as assert } from "assert";
import { AwsNames, awsNameLimits, awsNames, fitAwsName } from "../../components/naming";

/** Every derived name with the limit AWS puts on it. */
function derived(names: AwsNames): [string, string, number][] {
    return [
        ["nodeRole", names.nodeRole, awsNameLimits.iamRole],
        ["controllerRole", names.controllerRole, awsNameLimits.iamRole],
        ["controllerPolicy", names.controllerPolicy("Interruption"), awsNameLimits.iamPolicy],
        ["systemNodeRole", names.systemNodeRole, awsNameLimits.iamRole],
        ["systemNodeGroup", names.systemNodeGroup, awsNameLimits.eksNodeGroup],
        ["systemLaunchTemplate", names.systemLaunchTemplate, awsNameLimits.launchTemplate],
        ["fargateRole", names.fargateRole, awsNameLimits.iamRole],
        ["fargateProfile", names.fargateProfile, awsNameLimits.eksFargateProfile],
        ["terminationHandlerRole", names.terminationHandlerRole, awsNameLimits.iamRole],
        ["terminationHandlerPolicy", names.terminationHandlerPolicy, awsNameLimits.iamPolicy],
        ["interruptionQueue", names.interruptionQueue, awsNameLimits.sqsQueue],
        ["interruptionRule", names.interruptionRule("SpotInterruption"), awsNameLimits.eventBridgeRule],
    ];
}

const longName = `team-${"a".repeat(90)}-prod`; // 100 characters, the EKS maximum

describe("AWS names derived from the cluster name", () => {
    it("keeps every name of a short cluster unchanged", () => {
        const names = awsNames("dev");
        assert.equal(names.nodeRole, "KarpenterNodeRole-dev");
        assert.equal(names.interruptionQueue, "dev");
        assert.equal(names.interruptionRule("SpotInterruption"), "dev-karpenter-SpotInterruption");
    });

    it("fits every name of a 100-character cluster within its AWS limit", () => {
        assert.equal(longName.length, 100);
        for (const [field, name, limit] of derived(awsNames(longName))) {
            assert.ok(name.length <= limit, `${field} "${name}" has ${name.length} characters, above ${limit}`);
            assert.match(name, /^[A-Za-z0-9_-]+$/, `${field} "${name}"`);
        }
    });

    it("is deterministic: the same cluster keeps the same names, run after run", () => {
        // Pinned: a changed scheme would rename, and so replace, the roles and the queue of every cluster.
        const names = awsNames(longName);
        assert.equal(names.controllerRole, `KarpenterController-team-${"a".repeat(30)}-09a886ac`);
        assert.equal(names.interruptionQueue, `team-${"a".repeat(66)}-edf8f1fc`);
        assert.deepStrictEqual(derived(awsNames(longName)), derived(names));
    });

    it("gives two long names that differ only at the end different names", () => {
        const other = `${longName.slice(0, -1)}x`;
        const theirs = derived(awsNames(other));
        derived(awsNames(longName)).forEach(([field, name], i) => assert.notEqual(name, theirs[i][1], `${field} collides: "${name}"`));
    });

    it("drops a separator the cut leaves before the hash", () => {
        // The 55-character prefix that fits before "-" and the hash ends with "-".
        assert.match(fitAwsName(`${"b".repeat(54)}-${"c".repeat(20)}`, 64), /^b{54}-[0-9a-f]{8}$/);
    });
});
