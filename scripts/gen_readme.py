"""Write each add-on's README.rst from its readme/ fragments (as OCA's oca-gen-addon-readme does).

Usage: python scripts/gen_readme.py [--check]; --check fails when a README.rst is out of date."""
import ast
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "addons")
SECTIONS = [("DESCRIPTION.rst", None), ("CONFIGURE.rst", "Configuration"), ("USAGE.rst", "Usage"),
            ("ROADMAP.rst", "Known issues / Roadmap"), ("CONTRIBUTORS.rst", "Contributors")]


def render(addon_dir):
    with open(os.path.join(addon_dir, "__manifest__.py")) as f:
        manifest = ast.literal_eval(f.read())
    title = manifest["name"]
    out = ["=" * len(title), title, "=" * len(title), "",
           ".. This file is generated from readme/*.rst by scripts/gen_readme.py; edit those instead.", "",
           "Version %s, license %s, by %s." % (manifest["version"], manifest["license"], manifest["author"]), ""]
    for fragment, heading in SECTIONS:
        path = os.path.join(addon_dir, "readme", fragment)
        if not os.path.exists(path):
            continue
        if heading:
            out += [heading, "=" * len(heading), ""]
        with open(path) as f:
            out += [f.read().strip(), ""]
    return "\n".join(out)


def main(check):
    stale = []
    for name in sorted(os.listdir(ROOT)):
        addon_dir = os.path.join(ROOT, name)
        if not os.path.exists(os.path.join(addon_dir, "__manifest__.py")):
            continue
        text = render(addon_dir)
        target = os.path.join(addon_dir, "README.rst")
        current = open(target).read() if os.path.exists(target) else None
        if current != text:
            stale.append(name)
            if not check:
                with open(target, "w") as f:
                    f.write(text)
    if check and stale:
        sys.stderr.write("README.rst out of date in %s: run python scripts/gen_readme.py\n" % ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
