#include "image_environment.hpp"

#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace drydock::rules {
namespace {

struct ImageEnv {
    std::string_view image;              // official image name
    std::string_view base;               // the official image it is built FROM, whose ENV it inherits
    std::vector<std::string_view> names; // its own ENV names
};

// From the docker-library Dockerfiles of these images (all maintained variants, some older ones too).
const std::vector<ImageEnv>& known_images() {
    static const std::vector<ImageEnv> images = {
        // Plain OS images set nothing but what the builder adds (PATH).
        {"scratch", "", {}},
        {"alpine", "", {}},
        {"busybox", "", {}},
        {"debian", "", {}},
        {"ubuntu", "", {}},
        {"buildpack-deps", "", {}},
        {"centos", "", {}},
        {"rockylinux", "", {}},
        {"almalinux", "", {}},
        {"oraclelinux", "", {}},
        {"amazonlinux", "", {}},
        {"fedora", "", {"DISTTAG", "FGC", "FBR"}},
        {"python",
         "",
         {"LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION",
          "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256", "PYTHONIOENCODING",
          "PYTHON_RELEASE"}},
        {"pypy",
         "",
         {"LANG", "PYPY_VERSION", "PYTHONIOENCODING", "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION",
          "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256"}},
        {"node", "", {"NODE_VERSION", "YARN_VERSION", "NPM_VERSION"}},
        {"golang", "", {"GOLANG_VERSION", "GOPATH", "GOTOOLCHAIN"}},
        {"ruby",
         "",
         {"LANG", "RUBY_MAJOR", "RUBY_VERSION", "RUBY_DOWNLOAD_SHA256", "RUBY_DOWNLOAD_URL",
          "RUBYGEMS_VERSION", "BUNDLER_VERSION", "GEM_HOME", "BUNDLE_PATH", "BUNDLE_BIN",
          "BUNDLE_SILENCE_ROOT_WARNING", "BUNDLE_APP_CONFIG"}},
        {"php",
         "",
         {"PHPIZE_DEPS", "PHP_INI_DIR", "APACHE_CONFDIR", "APACHE_ENVVARS", "PHP_CFLAGS", "PHP_CPPFLAGS",
          "PHP_LDFLAGS", "GPG_KEYS", "PHP_VERSION", "PHP_URL", "PHP_ASC_URL", "PHP_SHA256", "PHP_MD5",
          "PHP_EXTRA_CONFIGURE_ARGS", "PHP_EXTRA_BUILD_DEPS"}},
        {"wordpress",
         "php",
         {"WORDPRESS_VERSION", "WORDPRESS_SHA1", "WORDPRESS_CLI_GPG_KEY", "WORDPRESS_CLI_VERSION",
          "WORDPRESS_CLI_SHA512"}},
        {"drupal", "php", {"DRUPAL_VERSION", "DRUPAL_MD5", "COMPOSER_ALLOW_SUPERUSER"}},
        {"openjdk",
         "",
         {"LANG", "JAVA_HOME", "JAVA_VERSION", "JAVA_URL", "JAVA_SHA256", "JAVA_BASE_URL", "JAVA_URL_VERSION",
          "JAVA_DEBIAN_VERSION", "CA_CERTIFICATES_JAVA_VERSION"}},
        {"eclipse-temurin", "", {"JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"}},
        {"maven", "eclipse-temurin", {"MAVEN_HOME", "MAVEN_CONFIG", "JAVA_HOME", "LANG"}},
        {"gradle", "eclipse-temurin", {"GRADLE_HOME", "GRADLE_VERSION", "GRADLE_USER_HOME"}},
        {"tomcat",
         "eclipse-temurin",
         {"CATALINA_HOME", "TOMCAT_NATIVE_LIBDIR", "LD_LIBRARY_PATH", "GPG_KEYS", "TOMCAT_MAJOR",
          "TOMCAT_VERSION", "TOMCAT_SHA512"}},
        {"rust", "", {"RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"}},
        {"nginx",
         "",
         {"NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE", "ACME_VERSION"}},
        {"httpd", "", {"HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"}},
        {"postgres",
         "",
         {"GOSU_VERSION", "LANG", "PG_MAJOR", "PG_VERSION", "PG_SHA256", "PGDATA", "DOCKER_PG_LLVM_DEPS"}},
        {"mysql", "", {"GOSU_VERSION", "MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION"}},
        {"mariadb", "", {"GOSU_VERSION", "LANG", "MARIADB_VERSION", "MARIADB_MAJOR"}},
        {"mongo",
         "",
         {"GOSU_VERSION", "JSYAML_VERSION", "JSYAML_CHECKSUM", "HOME", "MONGO_PACKAGE", "MONGO_REPO",
          "MONGO_MAJOR", "MONGO_VERSION", "GLIBC_TUNABLES", "MONGO_DOWNLOAD_URL", "MONGO_DOWNLOAD_SHA256"}},
        {"redis", "", {"GOSU_VERSION", "REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"}},
        {"memcached", "", {"MEMCACHED_VERSION", "MEMCACHED_URL", "MEMCACHED_SHA1"}},
        {"haproxy", "", {"HAPROXY_VERSION", "HAPROXY_URL", "HAPROXY_SHA256"}},
        {"rabbitmq",
         "",
         {"OPENSSL_VERSION", "OPENSSL_SOURCE_SHA256", "OPENSSL_PGP_KEY_IDS", "OTP_VERSION",
          "OTP_SOURCE_SHA256", "ERLANG_INSTALL_PATH_PREFIX", "OPENSSL_INSTALL_PATH_PREFIX",
          "RABBITMQ_DATA_DIR", "RABBITMQ_VERSION", "RABBITMQ_PGP_KEY_ID", "RABBITMQ_HOME", "HOME", "LANG",
          "LANGUAGE", "LC_ALL", "RUNNING_UNDER_SYSTEMD"}},
        {"docker",
         "",
         {"DOCKER_VERSION", "DOCKER_URL", "DOCKER_BUILDX_VERSION", "DOCKER_BUILDX_URL",
          "DOCKER_BUILDX_SHA256", "DOCKER_COMPOSE_VERSION", "DOCKER_COMPOSE_URL", "DOCKER_COMPOSE_SHA256",
          "DOCKER_TLS_CERTDIR", "DIND_COMMIT"}},
        {"ghost",
         "node",
         {"GOSU_VERSION", "NODE_ENV", "GHOST_CLI_VERSION", "GHOST_INSTALL", "GHOST_CONTENT",
          "GHOST_VERSION"}},
        {"julia", "", {"JULIA_PATH", "JULIA_GPG", "JULIA_VERSION", "JULIA_URL", "JULIA_SHA256"}},
    };
    return images;
}

const ImageEnv* find_image(std::string_view name) {
    for (const ImageEnv& image : known_images())
        if (image.image == name)
            return &image;
    return nullptr;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// `docker.io/library/node` -> `node`; other registries and namespaces -> empty.
std::string official_name(std::string_view name) {
    name = docker_hub_path(name);
    return name.find('/') == std::string_view::npos ? std::string(name) : std::string();
}

} // namespace

std::optional<std::vector<std::string_view>> official_image_env(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string name = official_name(parts.name);
    if (name.empty())
        return std::nullopt;
    // Windows variants (`python:3.12-windowsservercore`) are built from other Dockerfiles.
    if (parts.tag.find("windows") != std::string::npos || parts.tag.find("nanoserver") != std::string::npos)
        return std::nullopt;
    const ImageEnv* found = find_image(name);
    if (!found)
        return std::nullopt;
    std::vector<std::string_view> names;
    for (const ImageEnv* image = found; image;
         image = image->base.empty() ? nullptr : find_image(image->base))
        names.insert(names.end(), image->names.begin(), image->names.end());
    return names;
}

bool is_ubiquitous_variable(std::string_view name) {
    // PATH is always set by the builder; HOME is set by so many images (and by the shell at run time) that
    // a `$HOME` is taken to be intended.
    return name == "PATH" || name == "HOME";
}

} // namespace drydock::rules
