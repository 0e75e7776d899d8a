# archive-server in two stages. Proved without a Docker engine by scripts/docker-check, which
# reads this file: keep to the instructions it understands (it says which when it meets another).

# Build: the Swift toolchain plus the two system libraries the build links, SQLite and zlib.
FROM docker.io/library/swift:6.3-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Only what the binary is built from: Package.swift declares the test targets only when Tests/ is there.
COPY Package.swift schema.sql ./
COPY Sources ./Sources
COPY data ./data
# The Swift runtime is linked statically, so the slim image needs no toolchain libraries.
RUN swift build -c release --product archive-server --static-swift-stdlib \
 && install -D "$(swift build -c release --product archive-server --show-bin-path)/archive-server" out/archive-server

# Run: slim Debian with the SQLite and zlib runtime libraries; the schema and the archive are
# compiled into the binary, so nothing else is copied. The server runs as uid/gid 10001.
FROM docker.io/library/debian:bookworm-slim
LABEL org.opencontainers.image.title="archive-server" \
      org.opencontainers.image.description="A JSON API over a historical archive of the Soviet deportations from Lithuania, Latvia and Estonia, with every fact's source" \
      org.opencontainers.image.version="0.1.0"
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 zlib1g && rm -rf /var/lib/apt/lists/*
RUN groupadd --gid 10001 archive \
 && useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin archive \
 && mkdir -p /data && chown 10001:10001 /data
COPY --from=build /src/out/archive-server /usr/local/bin/archive-server
USER 10001:10001
VOLUME ["/data"]
ENV ARCHIVE_HOST=0.0.0.0 ARCHIVE_PORT=8080 ARCHIVE_DB=/data/archive.sqlite
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s CMD ["archive-server", "healthcheck"]
ENTRYPOINT ["archive-server"]
CMD ["serve"]
