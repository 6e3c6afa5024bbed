import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { awsxBundledPackages, eksBundledPackages, remoteComponentPins } from "../../../plan/remote";

const projectDir = path.resolve(__dirname, "../../..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(projectDir, file), "utf8"));

/**
 * The expansions follow one release of each provider's source. Another release can name, add or
 * configure children differently, so a version change must send someone back to the source.
 */
describe("remote component pins", () => {
    const manifest = readJson("package.json");
    const lock = readJson("package-lock.json");

    for (const [type, pin] of Object.entries(remoteComponentPins)) {
        it(`${type} follows the installed ${pin.npmPackage}`, () => {
            const versions = {
                "package.json": manifest.dependencies[pin.npmPackage],
                "package-lock.json": lock.packages[`node_modules/${pin.npmPackage}`]?.version,
                installed: readJson(`node_modules/${pin.npmPackage}/package.json`).version,
            };
            for (const [where, version] of Object.entries(versions)) {
                assert.equal(
                    version,
                    pin.version,
                    `${pin.npmPackage} is ${version} in ${where}, but the ${type} expansion (plan/remote) follows ${pin.version}: ` +
                        `re-check the expansion against the new provider source, then update remoteComponentPins.`,
                );
            }
        });
    }

    // The SDKs ask for at least the @pulumi/aws their provider bundles, whose version names the
    // default provider of every child.
    const bundled = [
        { sdk: "@pulumi/eks", dependency: "@pulumi/aws", version: eksBundledPackages.aws },
        { sdk: "@pulumi/eks", dependency: "@pulumi/kubernetes", version: eksBundledPackages.kubernetes },
        { sdk: "@pulumi/awsx", dependency: "@pulumi/aws", version: awsxBundledPackages.aws },
    ];
    for (const { sdk, dependency, version } of bundled) {
        it(`${sdk}'s SDK asks for the ${dependency} ${version} its provider bundles`, () => {
            const asked = lock.packages[`node_modules/${sdk}`]?.dependencies?.[dependency];
            assert.equal(asked, `^${version}`, `${sdk} now asks for ${dependency} ${asked}: its provider bundles another release; re-check the expansion's default provider version.`);
        });
    }
});
