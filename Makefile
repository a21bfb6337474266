# StreamWorker: small named targets. `make run` and `make test` are the quick start.
DOTNET ?= dotnet
CONFIG ?= Release
SLN := StreamWorker.sln

.PHONY: help restore build test test-unit test-integration test-reliability test-observability docs-check openapi run run-gateway run-processor run-broker demo bench soak clean

help:
	@echo "run:    run (role all, embedded broker) | run-gateway | run-processor | run-broker | demo"
	@echo "test:   test (everything, as CI) | test-unit | test-integration | test-reliability | test-observability | deploy-test"
	@echo "docs:   docs-check (OpenAPI lint, AsyncAPI validation, alert-rule tests) | openapi (rewrite docs/openapi.json)"
	@echo "deploy: compose-up | compose-down | compose-clean | compose-config | helm-lint | yamllint"
	@echo "build:  restore | build | clean"
	@echo "bench:  bench | bench-smoke | soak"

restore:
	$(DOTNET) restore $(SLN)

build:
	$(DOTNET) build $(SLN) -c $(CONFIG)

## The whole suite, as CI runs it. Test projects run one after another (-m:1): several of them start
## brokers, processes and load, and on a 2-core machine running them side by side only adds noise.
## Normal verbosity lists every test and prints the reason of each skipped one.
test:
	$(DOTNET) test $(SLN) -c $(CONFIG) -m:1 --logger "console;verbosity=normal"

## Every test carries the trait Layer=Unit or Layer=Integration (README, "Tests").
## Unit: no broker, child process, external tool or socket: events, aggregates and their properties, the topology
## in Streamiz's TopologyTestDriver, the simulator's generator and parsers, the deployment files as text. Under a minute.
test-unit:
	$(DOTNET) test $(SLN) -c $(CONFIG) --filter Layer=Unit

## Integration: embedded broker, child processes, HTTP servers, Prometheus and the other external tools.
test-integration:
	$(DOTNET) test $(SLN) -c $(CONFIG) -m:1 --filter Layer=Integration

test-reliability:
	$(DOTNET) test tests/StreamWorker.Tests -c $(CONFIG) --filter Category=Reliability

test-observability:
	$(DOTNET) test tests/StreamWorker.Tests -c $(CONFIG) --filter Category=Observability

## Lints docs/openapi.json (redocly), validates docs/asyncapi.yaml (AsyncAPI parser) and unit-tests the alert
## rules (promtool); installs node/npm, promtool and the npm tools when missing.
docs-check:
	.ci/check-docs

## Rewrites docs/openapi.json from what the gateway serves at /openapi/v1.json (after an intended API change).
openapi:
	STREAMWORKER_UPDATE_OPENAPI=1 $(DOTNET) test tests/StreamWorker.Tests -c $(CONFIG) --filter "FullyQualifiedName~OpenApiDocumentTests"

## StreamWorker, role all, with the embedded in-memory broker on 127.0.0.1:9092 and HTTP on :8080.
run:
	$(DOTNET) run --project src/StreamWorker -c $(CONFIG)

run-gateway:
	Role=gateway $(DOTNET) run --project src/StreamWorker -c $(CONFIG)

run-processor:
	Role=processor $(DOTNET) run --project src/StreamWorker -c $(CONFIG)

## Only the embedded broker on 127.0.0.1:9092, for other processes to share.
run-broker:
	Role=broker $(DOTNET) run --project src/StreamWorker -c $(CONFIG)

clean:
	$(DOTNET) clean $(SLN)

-include deploy/make/*.mk
-include bench/*.mk

## The live demo: StreamWorker (role all, embedded broker) plus simulated traffic and live tables, until Ctrl+C.
demo:
	bench/demo.sh

## Benchmarks (not tests): gateway vs no-op endpoint, processor vs raw consume, peak RSS. Last line: JSON.
bench:
	bench/bench.sh

## Rolling restarts under load, repeated with random seeds and stop points (RUNS, ROUNDS; bench/rolling-soak.sh).
soak:
	bench/rolling-soak.sh
