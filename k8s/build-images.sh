#!/usr/bin/env bash
# Builds Pulse's container images as tar archives with the .NET SDK's container support: no Docker daemon.
#
#   artifacts/images/pulse-<version>.tar.gz       the silo and the front end (one program; Pulse__Role picks)
#   artifacts/images/pulse-cli-<version>.tar.gz   the `pulse` CLI, for the schema job (`pulse db init`)
#
# <version> is the release in Directory.Build.props, the tag k8s/base pins. Base images, user and tag are set
# in Directory.Build.props (chiseled Ubuntu, user 1654). The SDK pulls the base images from Microsoft's
# registry, mcr.microsoft.com (dotnet/aspnet and dotnet/runtime, 10.0-noble-chiseled): that registry must be
# reachable, or PULSE_BASE_REGISTRY must name a mirror holding the same repositories and tags
# (PULSE_BASE_REGISTRY=registry.example.com/mcr reads registry.example.com/mcr/dotnet/aspnet:10.0-noble-chiseled).
# Load an archive with `docker load -i FILE` or `podman load -i FILE`, or push it with
# `skopeo copy docker-archive:FILE docker://REGISTRY/pulse:<version>`. docs/operations.md, "Images".
#
# Settings: PULSE_IMAGE_DIR (default artifacts/images), PULSE_IMAGE_ARCH (x64 or arm64; default x64),
# PULSE_BASE_REGISTRY (default mcr.microsoft.com).
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(realpath -m "${PULSE_IMAGE_DIR:-artifacts/images}")
arch=${PULSE_IMAGE_ARCH:-x64}
registry=${PULSE_BASE_REGISTRY:-mcr.microsoft.com}
mkdir -p "$out"

# Say plainly when the base images cannot be had, rather than after a publish and a stack trace from the SDK.
if command -v curl > /dev/null; then
  host=${registry%%/*}
  code=$(curl -s -o /dev/null -m 15 -w '%{http_code}' "https://$host/v2/" || true)
  if [ "$code" = "000" ]; then
    echo "build-images: cannot reach https://$host/v2/, the registry of the base images." >&2
    echo "  The SDK must pull dotnet/aspnet and dotnet/runtime (10.0-noble-chiseled) from it." >&2
    echo "  Build where it is reachable, or set PULSE_BASE_REGISTRY to a mirror of them." >&2
    exit 2
  fi
fi

version=$(dotnet msbuild silo/Pulse.Silo/Pulse.Silo.csproj -getProperty:Version)

publish() {
  local project=$1 repository=$2
  local args=(-c Release --os linux --arch "$arch" -t:PublishContainer --nologo -v quiet
    "-p:ContainerArchiveOutputPath=$out/$repository-$version.tar.gz")
  if [ "$registry" != "mcr.microsoft.com" ]; then
    # The SDK's own choice of base image, read from the project, with the mirror in place of Microsoft's registry.
    local base
    base=$(dotnet msbuild "$project" -t:ComputeContainerBaseImage -p:Configuration=Release -p:RuntimeIdentifier="linux-$arch" -getProperty:ContainerBaseImage)
    args+=("-p:ContainerBaseImage=$registry/${base#mcr.microsoft.com/}")
  fi
  echo "build-images: $repository:$version from $project"
  dotnet publish "$project" "${args[@]}"
}

publish silo/Pulse.Silo/Pulse.Silo.csproj pulse
publish client/Pulse.Cli/Pulse.Cli.csproj pulse-cli
ls -l "$out"/*-"$version".tar.gz
