#pragma once
// Which OS packages a RUN installs, whatever the package manager: the rules that object to a package being
// in the image at all (an SSH server, sudo) ask one question instead of one per manager.

#include "package_managers.hpp"

#include <drydock/parser/shell.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {

// A package operand of an install command.
struct InstalledPackage {
    PackageManager manager = PackageManager::AptGet;
    shell::Word word; // the operand as written (`openssh-server=1:9.2p1-2`)
    std::string name; // the package name without version, release, architecture or repository tag
};

// The packages an install command names: `apt-get`/`apt`/`aptitude install`, `apk add`, `yum`/`dnf`/
// `microdnf install` (also `reinstall`), `zypper install`/`in`. Operands given by a variable, paths, URLs and
// `.deb`/`.rpm`/`.apk` files are left out. Empty for any other command.
std::vector<InstalledPackage> installed_packages(const PackageCommand& command);

// The package name of an install operand: without apt's `=version`, `/release` and `:arch`, apk's
// `=version`, `>version`, `~version` and `@repository`, rpm's `-version[-release]` and `.arch`.
std::string package_base_name(PackageManager manager, std::string_view operand);

} // namespace drydock::rules
