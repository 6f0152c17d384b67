FROM python:3.12-slim as build
MAINTAINER Jane Doe <jane@example.com>
WORKDIR app
RUN apt-get update && apt-get install -y curl
CMD python3 -m http.server
