# Stand-in for the official golang image: Debian bookworm's Go 1.19 under the official paths (/usr/local/go/bin,
# GOPATH=/go), with gcc and the C library headers like the official image, so cgo works by default.
# tags: docker.io/library/golang:1.19-bookworm
FROM docker.io/library/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends golang-1.19-go gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /usr/local/go /go/src /go/bin \
    && ln -s /usr/lib/go-1.19/bin /usr/local/go/bin \
    && chmod -R 1777 /go
ENV GOPATH=/go PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
