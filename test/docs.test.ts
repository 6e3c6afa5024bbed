import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");

/** README.md and every page of docs/, as paths relative to the repository. */
function documentationPages(): string[] {
    const docs = fs.readdirSync(path.join(root, "docs")).filter((f) => f.endsWith(".md"));
    return ["README.md", ...docs.map((f) => `docs/${f}`)];
}

/** The lines of a Markdown text outside fenced code blocks, where `# ...` is a heading and `[a](b)` a link. */
function proseLines(markdown: string): string[] {
    const lines: string[] = [];
    let fence: string | undefined;
    for (const line of markdown.split("\n")) {
        const marker = line.match(/^\s*(`{3,}|~{3,})/)?.[1];
        if (fence === undefined && marker) {
            fence = marker;
        } else if (fence !== undefined && marker?.startsWith(fence)) {
            fence = undefined;
        } else if (fence === undefined) {
            lines.push(line);
        }
    }
    return lines;
}

/**
 * GitHub's heading anchor (github-slugger, which github.com and its Markdown renderer use): the rendered
 * text lowercased, every character other than a letter, mark, digit, connector (`_`), space or `-`
 * dropped, each space turned into `-`; a repeated slug gets `-1`, `-2`... in document order.
 */
export function headingSlugs(markdown: string): Set<string> {
    const seen = new Map<string, number>();
    const slugs = new Set<string>();
    for (const line of proseLines(markdown)) {
        const heading = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
        if (!heading) {
            continue;
        }
        const text = heading[1]
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
            .replace(/<[^>]+>/g, "")
            .replace(/`/g, "");
        const base = text
            .toLowerCase()
            .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
            .replace(/ /g, "-");
        const count = seen.get(base) ?? 0;
        seen.set(base, count + 1);
        slugs.add(count === 0 ? base : `${base}-${count}`);
    }
    return slugs;
}

/** The targets of inline links and images in prose, inline code left out. */
export function linkTargets(markdown: string): string[] {
    return proseLines(markdown).flatMap((line) =>
        [...line.replace(/`[^`]*`/g, "").matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    );
}

/**
 * Every relative link of `page` (a path under `repository`) whose file does not exist, or whose
 * `#anchor` names no heading of the Markdown file it points to. Absolute URLs are not fetched.
 */
export function brokenLinks(repository: string, page: string, read: (file: string) => string | undefined): string[] {
    const text = read(page) ?? "";
    const problems: string[] = [];
    for (const target of linkTargets(text)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
            continue;
        }
        const [file, anchor] = target.split("#", 2);
        const resolved = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURI(file)));
        if (resolved.startsWith("../") || !fs.existsSync(path.join(repository, resolved))) {
            problems.push(`${page}: ${target}: no file ${resolved}`);
            continue;
        }
        if (anchor !== undefined && resolved.endsWith(".md") && !headingSlugs(read(resolved) ?? "").has(decodeURIComponent(anchor))) {
            problems.push(`${page}: ${target}: no heading #${anchor} in ${resolved}`);
        }
    }
    return problems;
}

const readRepositoryFile = (file: string) => {
    const full = path.join(root, file);
    return fs.existsSync(full) && fs.statSync(full).isFile() ? fs.readFileSync(full, "utf8") : undefined;
};

/** The Mermaid block between `<!-- stack-diagram -->` markers. */
function stackDiagram(markdown: string): string | undefined {
    return markdown.match(/<!-- stack-diagram -->\n([\s\S]*?)\n<!-- \/stack-diagram -->/)?.[1];
}

describe("documentation", () => {
    describe("GitHub heading anchors", () => {
        const cases: [string, string][] = [
            ["## Stack config reference", "stack-config-reference"],
            ["### (h) Spot: `AuthFailure.ServiceLinkedRoleCreationNotPermitted`", "h-spot-authfailureservicelinkedrolecreationnotpermitted"],
            ["### (a) `UnauthorizedOperation` ... `Encoded authorization failure message`", "a-unauthorizedoperation--encoded-authorization-failure-message"],
            ["### A way in for `pulumi up`", "a-way-in-for-pulumi-up"],
            ["## Karpenter: `karpenter.version`", "karpenter-karpenterversion"],
            ["## snake_case and [a link](x.md)", "snake_case-and-a-link"],
        ];
        for (const [heading, slug] of cases) {
            it(`${heading} → #${slug}`, () => assert.ok(headingSlugs(heading).has(slug), [...headingSlugs(heading)].join()));
        }

        it("numbers repeated headings and ignores `#` lines in code blocks", () => {
            const slugs = headingSlugs("## Notes\n```sh\n# not a heading\n```\n## Notes\n");
            assert.deepEqual([...slugs], ["notes", "notes-1"]);
        });
    });

    describe("link checking", () => {
        const pages: Record<string, string> = {
            "README.md": "See [the docs](docs/upgrades.md#what-to-watch), [here](#intro) and `[not a link](nowhere.md)`.\n# Intro\n",
            "docs/upgrades.md": "## What to watch\n[back](../README.md#intro) [site](https://example.com/x#y)\n",
        };
        const read = (file: string) => pages[file];

        it("accepts links to existing files and headings, relative to the linking page", () => {
            assert.deepEqual(brokenLinks(root, "README.md", read), []);
            assert.deepEqual(brokenLinks(root, "docs/upgrades.md", read), []);
        });

        it("reports a missing anchor, a missing file and a link out of the repository", () => {
            pages["README.md"] = "[a](docs/upgrades.md#what-to-wach) [b](docs/nothing.md) [c](#intro) [d](../../etc/passwd)\n";
            assert.deepEqual(brokenLinks(root, "README.md", read), [
                "README.md: docs/upgrades.md#what-to-wach: no heading #what-to-wach in docs/upgrades.md",
                "README.md: docs/nothing.md: no file docs/nothing.md",
                "README.md: #intro: no heading #intro in README.md",
                "README.md: ../../etc/passwd: no file ../../etc/passwd",
            ]);
        });
    });

    it("has no broken relative link or anchor in README.md and docs/", () => {
        const problems = documentationPages().flatMap((page) => brokenLinks(root, page, readRepositoryFile));
        assert.deepEqual(problems, []);
    });

    it("links every page of docs/ from the README", () => {
        const linked = new Set(linkTargets(readRepositoryFile("README.md") ?? "").map((t) => t.split("#")[0]));
        assert.deepEqual(documentationPages().filter((p) => p !== "README.md" && !linked.has(p)), []);
    });

    it("starts the README with the setup, test and offline-plan commands that CI runs", () => {
        const readme = readRepositoryFile("README.md") ?? "";
        const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
        assert.deepEqual(blocks.slice(0, 2), ["npm ci\nnpm test", "npm run plan"]);
        assert.ok(readme.indexOf("npm ci") < readme.indexOf("\n## "), "the commands come before the first section");
        const ci = readRepositoryFile(".ci/run") ?? "";
        assert.deepEqual(ci.split("\n").filter((line) => /^npm /.test(line)), ["npm ci", "npm test"]);
    });

    it("draws the same stack diagram in the README and docs/architecture.md", () => {
        const readme = stackDiagram(readRepositoryFile("README.md") ?? "");
        assert.ok(readme?.startsWith("```mermaid\nflowchart"), "README.md has no stack diagram");
        assert.equal(readme, stackDiagram(readRepositoryFile("docs/architecture.md") ?? ""));
    });
});
