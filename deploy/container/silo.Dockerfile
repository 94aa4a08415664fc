# syntax=docker/dockerfile:1
# The silo host (src/HoopOrleans.Silo): runs the sessions' processes and serves probes only.
# Build from the repository's root:
#   docker build -f deploy/container/silo.Dockerfile -t hoop-orleans-silo .
# Configuration comes from the environment only (Orleans__Mode, ConnectionStrings__Postgres,
# Orleans__Tls__CertificatePath, ...); deploy/compose and deploy/kubernetes give it.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The build compiles the run spawner (src/HoopOrleans.Processes/Native/hoop-spawner.c) with cc,
# against this stage's glibc: the runtime stage is the same Ubuntu release, so it links there too.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props NuGet.config ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/HoopOrleans.Silo -c Release -o /app -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# tini is PID 1: a script's orphans (a double fork, setsid -f) are re-parented to PID 1 once their
# run's cgroup or process group is killed, and the .NET runtime reaps only children it started
# itself, so as PID 1 it would collect zombies. tini reaps them, passes SIGTERM on to the silo
# (which drains), and exits with it, which ends every process left in the container's PID
# namespace: the container's own way of doing what the orphan guard does on a host.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Root: the silo gives each connection's runs a user of their own (setresuid in the spawner), which
# only root can. The orchestrator drops every capability but the few that needs (see
# deploy/compose/compose.yaml and deploy/kubernetes/base/silo.yaml for each one and why).
USER root
# The base image asks ASP.NET Core to listen on 8080; a silo serves no public API, only the
# management listener that Management__Urls names (unset: http://127.0.0.1:5090).
ENV ASPNETCORE_HTTP_PORTS=
# Silo to silo, client to gateway (both mutual TLS), and the management listener of the examples.
EXPOSE 11111 30000 9090
# No HEALTHCHECK: the probes (/healthz, /readyz) are the orchestrator's to call, on the port it
# gives Management__Urls; Kubernetes ignores a HEALTHCHECK, and this image has no curl to run one.
ENTRYPOINT ["tini", "--", "dotnet", "HoopOrleans.Silo.dll"]
