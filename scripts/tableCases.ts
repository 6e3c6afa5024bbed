import * as fs from "fs";
import * as path from "path";
import { KarpenterClusterArgs } from "../components/config/args";
import { resolveArgs } from "../components/config/defaults";
import { awsNames } from "../components/naming";
import { ec2NodeClassObject, nodePoolObject, terminationHandlerManagedTag } from "../components/nodepools/specs";
import { ec2NodeClassViolations, nodePoolViolations } from "../test/fixtures/karpenterCrdRules";
import { Row, tableRows } from "../test/validation/table";

/**
 * The validation table's rows against the CRDs: every NodePool and EC2NodeClass a row's arguments
 * would create must pass upstream admission when `validateArgs` accepts the row, and the
 * hand-written CRD rules that `npm test` uses must reach upstream's verdict on every object of
 * every row, accepted or rejected.
 */

type Obj = Record<string, any>;
export const nodePoolType = "kubernetes:karpenter.sh/v1:NodePool";
export const ec2NodeClassType = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
/** Upstream's violations of `object`, a resource of `type`: its schema errors and broken CEL rules. */
export type Admission = (type: string, object: Obj) => string[];

/** The rows of every `test/validation/validateArgs.*.test.ts`, loaded as mocha would, with `describe` and `it` standing in. */
function loadTableRows(projectDir: string): Row[] {
    const dir = path.join(projectDir, "test/validation");
    const globals = globalThis as Obj;
    const saved = { describe: globals.describe, it: globals.it };
    globals.describe = (_name: string, body: () => void) => body();
    globals.it = () => undefined;
    try {
        for (const file of fs.readdirSync(dir).filter((f) => /^validateArgs\..+\.test\.ts$/.test(f))) {
            require(path.join(dir, file));
        }
    } finally {
        Object.assign(globals, saved);
    }
    return tableRows;
}

/** The Karpenter objects the component would create from `args`, as createNodePools composes them (components/nodepools/resources.ts). */
function karpenterObjects(args: KarpenterClusterArgs): { type: string; name: string; object: Obj }[] {
    const resolved = resolveArgs("cluster", args);
    const names = awsNames(resolved.clusterName);
    const tags = { ...resolved.tags, ...(resolved.karpenter.interruption === "nodeTerminationHandler" ? { [terminationHandlerManagedTag]: "true" } : {}) };
    return [
        ...resolved.karpenter.nodeClasses.map((nodeClass) => ({
            type: ec2NodeClassType,
            name: `EC2NodeClass ${nodeClass.name}`,
            object: ec2NodeClassObject(nodeClass, {
                clusterName: resolved.clusterName,
                identity: nodeClass.instanceProfile !== undefined ? { instanceProfile: nodeClass.instanceProfile } : { role: nodeClass.role ?? names.nodeRole },
                tags,
            }) as Obj,
        })),
        ...resolved.karpenter.nodePools.map((pool) => ({ type: nodePoolType, name: `NodePool ${pool.name}`, object: nodePoolObject(pool) as Obj })),
    ];
}

/** The violations the hand-written rules (test/fixtures/karpenterCrdRules.ts) find. */
export function fixtureViolations(type: string, object: Obj): string[] {
    return type === nodePoolType ? nodePoolViolations(object) : ec2NodeClassViolations(object);
}

export interface TableCheck {
    rows: number;
    /** Rows whose arguments are too malformed to build objects from; validateArgs rejects each. */
    unbuildable: number;
    objects: number;
    failures: string[];
}

export function checkTableCases(projectDir: string, admission: Admission): TableCheck {
    const rows = loadTableRows(projectDir);
    const check: TableCheck = { rows: rows.length, unbuildable: 0, objects: 0, failures: [] };
    for (const row of rows) {
        let objects: ReturnType<typeof karpenterObjects>;
        try {
            objects = karpenterObjects(row.args as KarpenterClusterArgs);
        } catch {
            check.unbuildable++;
            continue;
        }
        for (const { type, name, object } of objects) {
            check.objects++;
            const upstream = admission(type, object);
            const fixture = fixtureViolations(type, object);
            if (row.problems.length === 0 && upstream.length > 0) {
                check.failures.push(`table row "${row.name}" passes validateArgs, but the CRD rejects its ${name}: ${upstream.join("; ")}`);
            }
            if ((upstream.length > 0) !== (fixture.length > 0)) {
                check.failures.push(
                    `test/fixtures/karpenterCrdRules.ts ${fixture.length > 0 ? `rejects (${fixture.join(", ")})` : "accepts"} the ${name} of table row "${row.name}", which the CRD ${upstream.length > 0 ? `rejects: ${upstream.join("; ")}` : "accepts"}`,
                );
            }
        }
    }
    return check;
}
