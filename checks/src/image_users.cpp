#include "image_users.hpp"

#include "base_images.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The words of a tag (`debug-nonroot-amd64` -> debug, nonroot, amd64).
std::vector<std::string_view> tag_words(std::string_view tag) {
    std::vector<std::string_view> out;
    while (!tag.empty()) {
        const std::size_t end = tag.find_first_of("-_.");
        if (end != 0)
            out.push_back(tag.substr(0, end));
        if (end == std::string_view::npos)
            break;
        tag.remove_prefix(end + 1);
    }
    return out;
}

bool has_word(std::string_view tag, std::string_view word) {
    const std::vector<std::string_view> words = tag_words(tag);
    return std::find(words.begin(), words.end(), word) != words.end();
}

std::string_view last_component(std::string_view name) {
    const std::size_t slash = name.rfind('/');
    return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

} // namespace

bool image_runs_as_non_root(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string_view name = docker_hub_path(parts.name);
    const std::string_view tag = parts.tag;
    const std::string_view repository = last_component(name);
    if (has_word(tag, "nonroot") || has_word(tag, "rootless"))
        return true;
    if (repository.ends_with("-unprivileged") || repository.ends_with("-rootless"))
        return true;
    if (name.starts_with("cgr.dev/"))
        return !has_word(tag, "dev");
    if (name.starts_with("bitnami/") || name.starts_with("public.ecr.aws/bitnami/"))
        return repository != "minideb";
    if (name.starts_with("mcr.microsoft.com/dotnet/"))
        return has_word(tag, "chiseled") || has_word(tag, "distroless");
    return name.starts_with("jupyter/") || name.starts_with("quay.io/jupyter/") ||
           name.starts_with("selenium/");
}

bool image_entrypoint_drops_root(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string_view name = docker_hub_path(parts.name);
    for (const std::string_view official : {"postgres", "redis", "mongo", "mysql", "mariadb", "rabbitmq",
                                            "cassandra", "couchdb", "zookeeper", "ghost"})
        if (name == official)
            return true;
    return false;
}

namespace {

bool one_of(std::string_view value, std::initializer_list<std::string_view> values) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

} // namespace

DistroFamily distro_family(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string_view name = docker_hub_path(parts.name);
    const std::string_view tag = parts.tag;
    const std::string_view repository = last_component(name);
    if (name == "scratch")
        return DistroFamily::Scratch;
    if (name.starts_with("gcr.io/distroless/") || has_word(tag, "distroless") || has_word(tag, "chiseled"))
        return DistroFamily::Distroless;
    switch (image_family(image)) {
    case BaseFamily::Debian:
        return DistroFamily::Debian;
    case BaseFamily::BusyBox:
        return DistroFamily::Alpine;
    case BaseFamily::Unknown:
        break;
    }
    if (tag.find("alpine") != std::string_view::npos)
        return DistroFamily::Alpine;
    if (repository.starts_with("ubi") || name.starts_with("registry.access.redhat.com/") ||
        name.starts_with("registry.redhat.io/"))
        return has_word(tag, "minimal") || has_word(tag, "micro") || repository.ends_with("-minimal") ||
                       repository.ends_with("-micro")
                   ? DistroFamily::RhelMinimal
                   : DistroFamily::Rhel;
    if (one_of(repository, {"fedora", "centos", "rockylinux", "almalinux", "oraclelinux", "amazonlinux"}) ||
        (repository == "amazoncorretto" && !has_word(tag, "debian")))
        return DistroFamily::Rhel;
    for (const std::string_view codename :
         {"bookworm", "bullseye", "buster", "stretch", "trixie", "jammy", "focal", "noble", "bionic"})
        if (has_word(tag, codename))
            return DistroFamily::Debian;
    // More official images whose default variants are Debian or Ubuntu based (base_images.hpp knows the
    // language images and Debian/Ubuntu themselves).
    if (one_of(name, {"gcc", "maven", "gradle", "nginx", "httpd", "elixir", "erlang", "haskell", "julia",
                      "r-base", "clojure", "tomcat", "pypy", "swift", "dart", "sapmachine",
                      "ibm-semeru-runtimes", "groovy", "bitnami/minideb"}) ||
        name.starts_with("mcr.microsoft.com/dotnet/"))
        return DistroFamily::Debian;
    return DistroFamily::Unknown;
}

std::optional<ImageUser> image_app_user(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string_view name = docker_hub_path(parts.name);
    if (name == "node")
        return ImageUser{1000, 1000, "node"};
    if (name.starts_with("gcr.io/distroless/"))
        return ImageUser{65532, 65532, "nonroot"};
    if (name.starts_with("mcr.microsoft.com/dotnet/") && name != "mcr.microsoft.com/dotnet/sdk") {
        // The `app` user arrived with .NET 8.
        const int major = std::atoi(parts.tag.c_str());
        if (major >= 8)
            return ImageUser{1654, 1654, "app"};
    }
    return std::nullopt;
}

bool image_server_needs_root(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string_view name = docker_hub_path(parts.name);
    return name == "nginx" || name == "httpd" || (name == "php" && has_word(parts.tag, "apache"));
}

bool is_windows_image(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    if (parts.name.starts_with("mcr.microsoft.com/windows"))
        return true;
    for (const std::string_view word : {"nanoserver", "servercore", "windowsservercore"})
        if (has_word(parts.tag, word) || last_component(parts.name) == word)
            return true;
    return false;
}

} // namespace drydock::rules
