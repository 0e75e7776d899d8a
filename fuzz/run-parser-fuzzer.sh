#!/usr/bin/env bash
# Builds the request parser with libFuzzer + AddressSanitizer and fuzzes it for a bounded time.
#
#   fuzz/run-parser-fuzzer.sh [SECONDS]        (default 60; corpus in fuzz/corpus, crashes in fuzz/crashes)
#
# Only the socket-free message files are compiled, so the target needs no server.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
out=${FUZZ_BUILD:-/tmp/parser-fuzzer}
mkdir -p "$out" fuzz/corpus fuzz/crashes
http=Sources/Server/HTTP
sources=(
  fuzz/ParserFuzzer.swift
  $http/HTTPLimits.swift $http/HTTPMethod.swift $http/HTTPFields.swift $http/HTTPRequest.swift
  $http/HTTPRequest+Target.swift $http/ParseError.swift $http/RequestParser.swift
  $http/RequestParser+Head.swift $http/RequestParser+Framing.swift $http/RequestParser+Body.swift
  $http/HTTPResponse.swift $http/HTTPStatus.swift
  Sources/Server/Routing/Problem.swift Sources/Server/Routing/JSONText.swift
)
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ParserFuzz "${sources[@]}" -o "$out/parser-fuzzer"
# Seeds: a few valid and invalid requests.
printf 'GET / HTTP/1.1\r\nHost: a\r\n\r\n' > fuzz/corpus/get
printf 'POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: 1\r\n\r\n' > fuzz/corpus/chunked
printf 'POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\nabcGET * HTTP/1.0\r\n\r\n' > fuzz/corpus/pipelined
timeout $((seconds + 60)) "$out/parser-fuzzer" -max_total_time="$seconds" -max_len=2048 \
  -artifact_prefix=fuzz/crashes/ fuzz/corpus
