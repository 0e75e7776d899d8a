# Build: the Swift toolchain plus libsqlite3-dev, the one system package the build needs.
FROM swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift schema.sql ./
COPY Sources ./Sources
COPY data ./data
RUN swift build -c release --product archive-server --static-swift-stdlib \
 && cp "$(swift build -c release --show-bin-path)/archive-server" /archive-server

# Run: slim Debian with the SQLite runtime library; the schema and the embedded archive are
# compiled into the binary, so nothing else is copied.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data archive && mkdir -p /data && chown archive /data
COPY --from=build /archive-server /usr/local/bin/archive-server
USER archive
VOLUME ["/data"]
ENV ARCHIVE_HOST=0.0.0.0 ARCHIVE_PORT=8080 ARCHIVE_DB=/data/archive.sqlite
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s CMD ["archive-server", "healthcheck"]
ENTRYPOINT ["archive-server"]
CMD ["serve"]
