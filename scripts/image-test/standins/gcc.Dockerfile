# Stand-in for the official gcc image: Debian bookworm's GCC 12, make and the C library headers.
# tags: docker.io/library/gcc:12-bookworm
FROM docker.io/library/debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc make libc6-dev \
    && rm -rf /var/lib/apt/lists/*
CMD ["bash"]
