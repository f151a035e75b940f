# Multi-stage build: compile in the Go image, run as a non-root user in a
# small runtime image. The binary has no cgo and embeds its assets.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.Version=${VERSION}" -o /out/sepportal ./cmd/sepportal

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sepportal /usr/local/bin/sepportal
USER nonroot:nonroot
WORKDIR /var/lib/sepportal
ENV SEPPORTAL_ADDR=:8080 SEPPORTAL_DATA_DIR=/var/lib/sepportal/data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/sepportal"]
CMD ["serve"]
