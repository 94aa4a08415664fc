# syntax=docker/dockerfile:1
# The front end (src/HoopOrleans.Api) of a PostgreSQL cluster: the public HTTP API and hoop's gRPC
# transport, a pure Orleans client. Build from the repository's root:
#   docker build -f deploy/container/api.Dockerfile -t hoop-orleans-api .
# Configuration comes from the environment only (Orleans__Mode, ConnectionStrings__Postgres,
# Orleans__Tls__CertificatePath, Auth__Keys__<name>__Hash, ...); deploy/compose and
# deploy/kubernetes give it.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# The front end references the process library, whose build compiles the run spawner with cc
# (the embedded default runs scripts itself; a cluster's front end never starts one).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props NuGet.config ./
COPY src/ src/
RUN --mount=type=cache,target=/root/.nuget/packages \
    dotnet publish src/HoopOrleans.Api -c Release -o /app -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The base image's non-root user (app, uid 1654): a cluster's front end starts no process and
# needs no privilege. Files it reads (its key, the PostgreSQL password file) must be readable by
# that uid.
USER $APP_UID
# The API, as the base image sets it (ASP.NET Core's ASPNETCORE_HTTP_PORTS); stated here because
# the examples and their test rely on it.
ENV ASPNETCORE_HTTP_PORTS=8080
# The API, hoop's gRPC transport (hoop exec) and the management listener (probes), on the ports
# the examples give them (Grpc__Urls, Management__Urls). The service's own default for each is
# loopback only, unreachable from outside the container: the orchestrator sets them.
EXPOSE 8080 8010 9090
# No HEALTHCHECK: the probes (/healthz, /readyz) are the orchestrator's to call, on the port it
# gives Management__Urls; Kubernetes ignores a HEALTHCHECK, and this image has no curl to run one.
ENTRYPOINT ["dotnet", "HoopOrleans.Api.dll"]
