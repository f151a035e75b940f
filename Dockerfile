# Multi-stage build: compile in the Go image, run as a non-root user in a
# distroless image (no shell, no package manager). The binary has no cgo
# and embeds its assets.
#
# Base images are pinned by digest; the tag beside it says what the image
# is. The digests below were copied from public Dockerfiles that pin the
# same tags; they were NOT verified against the registries from the
# machine that wrote this file (it cannot reach them). To verify or bump:
#   docker buildx imagetools inspect golang:1.26-bookworm            # or: crane digest golang:1.26-bookworm
#   docker buildx imagetools inspect gcr.io/distroless/static-debian12:nonroot
# and replace the sha256 after the tag (the index digest, which covers
# every platform).
FROM golang:1.26-bookworm@sha256:a688600ca24f8a4d3ca77f95b0dd40704a9fc787c826660eb7ba0b641b8b175d AS build
# The Go release that compiles the binary, whatever patch release the
# image carries: the go command fetches it from the module proxy and checks
# its checksum. Keep it at the newest patch release (govulncheck in
# .ci/run names the standard library's fixed versions).
ENV GOTOOLCHAIN=go1.26.11
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.Version=${VERSION}" -o /out/sepportal ./cmd/sepportal
# The data directory, created here because the runtime image has no shell:
# copied with the non-root user's ownership, so a fresh named volume
# mounted on it starts out writable by that user.
RUN mkdir -p /out/var/lib/sepportal/data

FROM gcr.io/distroless/static-debian12:nonroot@sha256:d093aa3e30dbadd3efe1310db061a14da60299baff8450a17fe0ccc514a16639
COPY --from=build /out/sepportal /usr/local/bin/sepportal
COPY --from=build --chown=65532:65532 /out/var/lib/sepportal /var/lib/sepportal
USER 65532:65532
WORKDIR /var/lib/sepportal
# Inside a container the portal listens on every interface (outside one
# it defaults to loopback); the metrics listener is not published by
# compose, only reachable on its network.
ENV SEPPORTAL_ADDR=:8080 SEPPORTAL_METRICS_ADDR=:9090 SEPPORTAL_DATA_DIR=/var/lib/sepportal/data
VOLUME ["/var/lib/sepportal/data"]
EXPOSE 8080 9090
# Healthy when /readyz answers 200: the store is reachable and the search
# index has caught up with it. A first start on a large store builds the
# index (about 15 min at a million patents), hence the long start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=10m --retries=3 CMD ["/usr/local/bin/sepportal", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/sepportal"]
CMD ["serve"]
