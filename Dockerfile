# syntax=docker/dockerfile:1
# One image for every role (gateway, processor, all): the role is chosen at run
# time with the `Role` environment variable.
# Debian-based images on purpose: librdkafka and RocksDB ship as glibc builds.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src

# Restore layer: only the build settings and the project files of
# src/StreamWorker and the projects it references, so that a source change does
# not invalidate the restored packages.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/StreamWorker/StreamWorker.csproj src/StreamWorker/
COPY src/StreamWorker.Events/StreamWorker.Events.csproj src/StreamWorker.Events/
COPY src/StreamWorker.Aggregates/StreamWorker.Aggregates.csproj src/StreamWorker.Aggregates/
COPY src/StreamWorker.EmbeddedKafka/StreamWorker.EmbeddedKafka.csproj src/StreamWorker.EmbeddedKafka/
RUN dotnet restore src/StreamWorker/StreamWorker.csproj

COPY .editorconfig ./
COPY src/ src/
RUN dotnet publish src/StreamWorker/StreamWorker.csproj \
      --configuration Release \
      --no-restore \
      --output /app/publish \
      -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app

# The RocksDB state directory exists in the image and belongs to the non-root
# user, so a named volume mounted there (compose) starts out writable.
RUN mkdir -p /var/lib/streamworker/state \
    && chown -R app:app /var/lib/streamworker

COPY --from=build /app/publish .

# The image keeps .NET's server GC (runtimeconfig) and glibc's malloc arenas for every role: the default role is
# `all`, and the processor is measured with them. The gateway's deployments set its own runtime settings,
# DOTNET_gcServer=0 and MALLOC_ARENA_MAX=2 (chart values gateway.serverGC and gateway.mallocArenaMax,
# docker-compose.yml, bench/bench.sh): 40-50 MB less peak memory at 512 connections (BENCHMARKS.md, "Memory").
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Role=all \
    Processor__StateDirectory=/var/lib/streamworker/state \
    DOTNET_NOLOGO=1

# `app` (UID 1654) is the non-root user of the official .NET images.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "StreamWorker.dll"]
