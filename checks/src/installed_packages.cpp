#include "installed_packages.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace drydock::rules {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_install(const PackageCommand& command) {
    const std::string_view sub = command.subcommand();
    switch (command.manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude:
        return sub == "install" || sub == "reinstall";
    case PackageManager::Apk:
        return sub == "add";
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        return sub == "install" || sub == "reinstall" || sub == "in";
    case PackageManager::Zypper:
        return sub == "install" || sub == "in";
    }
    return false;
}

// A file (`./x.deb`, `/tmp/x.rpm`) or a URL rather than a package from a repository.
bool is_file_operand(std::string_view operand) {
    return operand.starts_with('/') || operand.starts_with('.') || operand.find("://") != npos ||
           operand.ends_with(".deb") || operand.ends_with(".rpm") || operand.ends_with(".apk");
}

bool is_rpm_manager(PackageManager manager) {
    return manager == PackageManager::Yum || manager == PackageManager::Dnf ||
           manager == PackageManager::Microdnf || manager == PackageManager::Zypper;
}

// `name-1.2.3-4.el9` -> `name`: the name ends before the first `-` that a digit follows.
std::string_view without_rpm_version(std::string_view operand) {
    for (std::size_t dash = operand.find('-'); dash != npos; dash = operand.find('-', dash + 1)) {
        if (dash + 1 < operand.size() && std::isdigit(static_cast<unsigned char>(operand[dash + 1])))
            return operand.substr(0, dash);
    }
    return operand;
}

std::string_view without_rpm_arch(std::string_view operand) {
    static constexpr std::array<std::string_view, 9> arches = {
        ".x86_64", ".noarch", ".aarch64", ".i686", ".i386", ".ppc64le", ".s390x", ".armv7hl", ".src"};
    for (std::string_view arch : arches)
        if (operand.ends_with(arch))
            return operand.substr(0, operand.size() - arch.size());
    return operand;
}

} // namespace

std::string package_base_name(PackageManager manager, std::string_view operand) {
    switch (manager) {
    case PackageManager::AptGet:
    case PackageManager::Apt:
    case PackageManager::Aptitude:
        return std::string(operand.substr(0, operand.find_first_of("=/:")));
    case PackageManager::Apk:
        return std::string(operand.substr(0, operand.find_first_of("=<>~@")));
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
    case PackageManager::Zypper: {
        // zypper also reads `name=version`, `name>=version`.
        const std::string_view name = operand.substr(0, operand.find_first_of("=<>"));
        return std::string(without_rpm_version(without_rpm_arch(name)));
    }
    }
    return std::string(operand);
}

std::vector<InstalledPackage> installed_packages(const PackageCommand& command) {
    std::vector<InstalledPackage> out;
    if (!is_install(command))
        return out;
    for (const shell::Word& operand : command.operands_after(1)) {
        if (operand.dynamic || operand.value.empty() || is_file_operand(operand.value))
            continue;
        if (is_rpm_manager(command.manager) && operand.value.starts_with('@'))
            continue; // a group or module
        out.push_back({command.manager, operand, package_base_name(command.manager, operand.value)});
    }
    return out;
}

} // namespace drydock::rules
