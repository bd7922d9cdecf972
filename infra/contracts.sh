# ./gan contracts: lint the published contracts (contracts/v1), or publish the REST one after a compatible change.
# Sourced by ./gan after local.sh and services.sh.

CONTRACTS="$ROOT/contracts"

# the linters, pinned in contracts/package-lock.json, installed under .gan (git-ignored) like the broker's jars
CONTRACT_TOOLS="$ROOT/.gan/contract-tools"

ensure_contract_tools() {
  command -v npm > /dev/null || die "the contract linters need Node.js 20 and npm"
  if ! cmp -s "$CONTRACTS/package-lock.json" "$CONTRACT_TOOLS/package-lock.json" \
      || [ ! -x "$CONTRACT_TOOLS/node_modules/.bin/redocly" ]; then
    log "installing the contract linters (npm ci, into .gan/contract-tools)"
    mkdir -p "$CONTRACT_TOOLS"
    cp "$CONTRACTS/package.json" "$CONTRACTS/package-lock.json" "$CONTRACT_TOOLS/"
    (cd "$CONTRACT_TOOLS" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
  fi
}

contracts_lint() {
  ensure_contract_tools
  mkdir -p "$STATE"
  local version output status=0
  for version in "$CONTRACTS"/v*/; do
    version=$(basename "$version")
    log "redocly lint contracts/$version/openapi.json (rules: contracts/redocly.yaml)"
    # redocly prints a boxed notice about Node.js 20 on every run: left out
    output=$(cd "$CONTRACTS" \
      && "$CONTRACT_TOOLS/node_modules/.bin/redocly" lint "$version/openapi.json" --format=stylish 2>&1) || status=1
    grep -v '[║╔╚]' <<< "$output"
    log "asyncapi validate contracts/$version/asyncapi.yaml"
    # CI=true: the AsyncAPI CLI sends no usage metrics (there is no internet here to send them to)
    (cd "$CONTRACTS" && CI=true SUPPRESS_NO_CONFIG_WARNING=true \
      ASYNCAPI_METRICS_CONFIG_PATH="$STATE/asyncapi-analytics.json" \
      "$CONTRACT_TOOLS/node_modules/.bin/asyncapi" validate "$version/asyncapi.yaml" --fail-severity=warn 2>&1 \
      | grep -v '^WARNING: ') \
      || status=1
  done
  [ "$status" -eq 0 ] || die "a published contract does not pass its linter (above)"
  log "the published contracts pass their linters"
}

gan_contracts() {
  case "${1:-lint}" in
    lint) contracts_lint ;;
    # the gateway's contract test, told to write what it serves when it is a compatible change; then the linters CI
    # runs, so that a contract accepted here is one CI accepts too
    accept) verify_on_test_stack -pl gateway -am -Dtest=PublishedContractTests -Dsurefire.failIfNoSpecifiedTests=false \
      -Dganflow.contracts.accept=true && contracts_lint ;;
    *) die "usage: ./gan contracts [lint|accept]" ;;
  esac
}
