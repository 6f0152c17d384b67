# Stand-in for the official rust image: Debian bookworm's rustc and cargo (Rust 1.63) with the official CARGO_HOME.
# tags: docker.io/library/rust:1.63-bookworm
FROM docker.io/library/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends rustc cargo gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /usr/local/cargo/bin \
    && chmod -R a+w /usr/local/cargo
ENV CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
