# Deployment targets. The root Makefile includes this file
# (`include deploy/make/deploy.mk`); paths are resolved from the repository
# root, so `make -f deploy/make/deploy.mk TARGET` works as well.

DEPLOY_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
COMPOSE ?= docker compose
COMPOSE_PROJECT ?= streamworker
HELM ?= helm
YAMLLINT ?= yamllint
CHART_DIR ?= $(DEPLOY_ROOT)/charts/stream-worker
CHART_CI_VALUES ?= $(CHART_DIR)/ci/test-values.yaml

.PHONY: compose-up compose-down compose-clean compose-config helm-lint yamllint deploy-test

## compose-up: build the image and start Kafka, topics, gateway, processor, Prometheus and Grafana
compose-up:
	$(COMPOSE) --project-name $(COMPOSE_PROJECT) --project-directory $(DEPLOY_ROOT) -f $(DEPLOY_ROOT)/docker-compose.yml up --build --detach
	@echo "Gateway http://localhost:8080  Processor http://localhost:8081  Prometheus http://localhost:9090  Grafana http://localhost:3000"

## compose-down: stop the stack, keeping Kafka's data and the processor's state
compose-down:
	$(COMPOSE) --project-name $(COMPOSE_PROJECT) --project-directory $(DEPLOY_ROOT) -f $(DEPLOY_ROOT)/docker-compose.yml down

## compose-clean: stop the stack and delete its volumes
compose-clean:
	$(COMPOSE) --project-name $(COMPOSE_PROJECT) --project-directory $(DEPLOY_ROOT) -f $(DEPLOY_ROOT)/docker-compose.yml down --volumes

## compose-config: validate docker-compose.yml (docker compose plugin, else docker-compose 1.29); skipped without either
compose-config:
	@cd $(DEPLOY_ROOT) && if docker compose version >/dev/null 2>&1; then \
	  docker compose --project-name $(COMPOSE_PROJECT) -f docker-compose.yml config --quiet && echo "docker-compose.yml is valid"; \
	elif command -v docker-compose >/dev/null 2>&1; then \
	  docker-compose --project-name $(COMPOSE_PROJECT) -f docker-compose.yml config --quiet && echo "docker-compose.yml is valid"; \
	else \
	  echo "docker compose not installed: skipped compose validation"; \
	fi

## helm-lint: helm lint + helm template (both state stores, and a render without tokens that must fail); skipped without helm
helm-lint:
	@if command -v $(HELM) >/dev/null 2>&1; then \
	  set -e; \
	  $(HELM) lint $(CHART_DIR) --values $(CHART_CI_VALUES); \
	  $(HELM) template streamworker $(CHART_DIR) --values $(CHART_CI_VALUES) > /dev/null; \
	  $(HELM) template streamworker $(CHART_DIR) --values $(CHART_CI_VALUES) --set processor.stateStore=memory > /dev/null; \
	  if $(HELM) template streamworker $(CHART_DIR) --set kafka.bootstrapServers=kafka:9092 --set privacy.hashKey=k > /dev/null 2>&1; then \
	    echo "helm template rendered without signing tokens: it must fail"; exit 1; \
	  fi; \
	  echo "helm lint/template passed"; \
	else \
	  echo "helm not installed: skipped helm lint/template"; \
	fi

## yamllint: lint chart values, docker-compose.yml and deploy/ (settings in .yamllint)
yamllint:
	cd $(DEPLOY_ROOT) && $(YAMLLINT) --strict charts/stream-worker/values.yaml charts/stream-worker/ci docker-compose.yml deploy

## deploy-test: the deployment checks (schema, dashboards, yamllint, topics script)
deploy-test:
	dotnet test $(DEPLOY_ROOT)/tests/StreamWorker.Deploy.Tests
