#include "build_toolchain.hpp"

#include "language_packages.hpp"
#include "package_managers.hpp"
#include "shell_queries.hpp"
#include "stage_uses.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

namespace drydock::rules {
namespace {

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool contains(std::initializer_list<std::string_view> list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Maven goals and Gradle tasks that produce an artifact.
constexpr std::array<std::string_view, 5> maven_goals = {"package", "install", "verify", "compile", "deploy"};
constexpr std::array<std::string_view, 10> gradle_tasks = {"build",   "assemble", "jar",       "war",
                                                           "bootJar", "bootWar",  "shadowJar", "installDist",
                                                           "distTar", "distZip"};

// The package name of an install operand: `gcc=4:12.2.0-3` -> `gcc`, `musl-dev~=1.2` -> `musl-dev`,
// `setuptools>=70` -> `setuptools`.
std::string_view package_name(std::string_view operand) {
    const std::size_t cut = operand.find_first_of("=<>~!");
    return cut == std::string_view::npos ? operand : operand.substr(0, cut);
}

// Python packaging tools: installing or upgrading only these compiles nothing.
constexpr std::array<std::string_view, 8> packaging_tools = {"pip",    "setuptools", "wheel", "virtualenv",
                                                             "pipenv", "poetry",     "uv",    "pipx"};

constexpr std::array<std::string_view, 6> c_compilers = {"gcc", "g++", "cc", "c++", "clang", "clang++"};

// Whether the command only asks for a version (`gcc --version`, `make -v`).
bool asks_version(const shell::Command& command) {
    return command.has_any_flag({"version", "dumpversion"}) ||
           (command.words.size() == 2 && command.words[1].value == "-v");
}

// The first operand (an operand given by a variable has no known value: empty).
std::string_view operand(const std::vector<shell::Word>& operands, std::size_t i) {
    return i < operands.size() && !operands[i].dynamic ? std::string_view(operands[i].value)
                                                       : std::string_view{};
}

// `npm run build`, `yarn build:prod`, `pnpm run build`: the script name after `run` (npm: also `run-script`),
// or as yarn's and pnpm's first operand.
std::optional<std::string> node_build(const shell::Command& command) {
    const std::string_view program = command.name();
    const std::vector<shell::Word> operands = command.operands();
    const std::string_view first = operand(operands, 0);
    const bool run = first == "run" || (program == "npm" && first == "run-script");
    const std::string_view script = run ? operand(operands, 1) : first;
    if (!script.starts_with("build"))
        return std::nullopt;
    if (program == "npm" && !run)
        return std::nullopt;
    return std::string(program) + (run ? " run " : " ") + std::string(script);
}

struct Classified {
    Toolchain toolchain;
    std::string label;
};

std::optional<Classified> classify(const shell::Command& command) {
    if (command.words.empty() || command.words.front().dynamic)
        return std::nullopt;
    const std::string_view program = command.name();
    const std::vector<shell::Word> operands = command.operands();
    const std::string_view first = operand(operands, 0);
    if (program == "go" && (first == "build" || first == "install"))
        return Classified{Toolchain::Go, "go " + std::string(first)};
    if (program == "cargo" && (first == "build" || first == "install"))
        return Classified{Toolchain::Rust, "cargo " + std::string(first)};
    if (program == "dotnet" && (first == "build" || first == "publish"))
        return Classified{Toolchain::Dotnet, "dotnet " + std::string(first)};
    if (program == "mvn" || program == "mvnw")
        for (const shell::Word& word : operands)
            if (!word.dynamic && contains(maven_goals, word.value))
                return Classified{Toolchain::Maven, std::string(program) + " " + word.value};
    if (program == "gradle" || program == "gradlew")
        for (const shell::Word& word : operands) {
            const std::string_view task = std::string_view(word.value).substr(word.value.rfind(':') + 1);
            if (!word.dynamic && contains(gradle_tasks, task))
                return Classified{Toolchain::Gradle, std::string(program) + " " + std::string(task)};
        }
    if (program == "npm" || program == "yarn" || program == "pnpm")
        if (std::optional<std::string> label = node_build(command))
            return Classified{Toolchain::Node, *label};
    if ((contains(c_compilers, program) || program == "make" || program == "cmake") && !asks_version(command))
        return Classified{Toolchain::Cpp, std::string(program)};
    if (const std::optional<PipInstall> pip = pip_install(command)) {
        const bool tools_only =
            std::all_of(pip->operands.begin(), pip->operands.end(), [](const shell::Word& word) {
                return contains(packaging_tools, package_name(word.value));
            });
        if ((!pip->operands.empty() && !tools_only) || pip->pip.flag_value("r") ||
            pip->pip.flag_value("requirement"))
            return Classified{Toolchain::Python, "pip install"};
    }
    if (const std::optional<shell::Command> pip = pip_argv(command))
        if (operand(pip->operands(), 0) == "wheel")
            return Classified{Toolchain::Python, "pip wheel"};
    return std::nullopt;
}

bool installs(const PackageCommand& command) {
    const std::string_view sub = command.subcommand();
    switch (command.manager) {
    case PackageManager::Apk:
        return sub == "add";
    case PackageManager::Zypper:
        return sub == "install" || sub == "in";
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        return sub == "install";
    default:
        return sub == "install";
    }
}

bool removes(const PackageCommand& command) {
    const std::string_view sub = command.subcommand();
    switch (command.manager) {
    case PackageManager::Apk:
        return sub == "del";
    case PackageManager::Zypper:
        return sub == "remove" || sub == "rm";
    case PackageManager::Yum:
    case PackageManager::Dnf:
    case PackageManager::Microdnf:
        return sub == "remove" || sub == "erase" || sub == "autoremove";
    default:
        return sub == "purge" || sub == "remove" || sub == "autoremove";
    }
}

} // namespace

std::string_view toolchain_name(Toolchain toolchain) {
    switch (toolchain) {
    case Toolchain::Go:
        return "Go";
    case Toolchain::Rust:
        return "Rust";
    case Toolchain::Maven:
        return "Maven";
    case Toolchain::Gradle:
        return "Gradle";
    case Toolchain::Dotnet:
        return ".NET SDK";
    case Toolchain::Node:
        return "Node.js";
    case Toolchain::Cpp:
        return "C/C++";
    case Toolchain::Python:
        return "Python build";
    }
    return "build";
}

std::vector<BuildCommand> build_commands(const Dockerfile& file, const SemanticModel& model,
                                         std::size_t stage) {
    std::vector<BuildCommand> out;
    const Stage& st = model.stages()[stage];
    for (std::size_t i = st.from + 1; i < st.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if (!ins.is(InstructionKind::Run))
            continue;
        const RunCommands commands(file, ins);
        for (const RunCommand* run : commands_in_run_order(ins, commands)) {
            const shell::Command& command = run->command;
            if (const std::optional<PackageCommand> packages = read_package_command(command);
                packages && removes(*packages))
                for (BuildCommand& earlier : out)
                    earlier.packages_removed_after = true;
            if (std::optional<Classified> found = classify(command))
                out.push_back({found->toolchain, i, span(command.words.front(), command.words.back()),
                               std::move(found->label)});
        }
    }
    // Run order puts heredoc bodies next to the command that reads them; report in source order.
    std::stable_sort(out.begin(), out.end(), [](const BuildCommand& a, const BuildCommand& b) {
        return a.range.begin < b.range.begin;
    });
    return out;
}

bool is_build_package(std::string_view name) {
    static constexpr std::array<std::string_view, 13> names = {
        "build-essential", "build-base", "alpine-sdk", "gcc",       "g++", "gcc-c++", "clang", "make",
        "cmake",           "musl-dev",   "libc-dev",   "libc6-dev", "cpp"};
    return contains(names, name) || name.ends_with("-dev") || name.ends_with("-devel");
}

std::vector<BuildPackage> kept_build_packages(const Dockerfile& file, const SemanticModel& model,
                                              std::size_t stage) {
    std::vector<BuildPackage> kept;
    std::vector<std::size_t> lineage = stage_lineage(model, stage);
    std::reverse(lineage.begin(), lineage.end()); // oldest first
    for (const std::size_t s : lineage) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.from + 1; i < st.end; ++i) {
            const Instruction& ins = file.instructions[i];
            if (!ins.is(InstructionKind::Run))
                continue;
            const RunCommands commands(file, ins);
            for (const RunCommand* run : commands_in_run_order(ins, commands)) {
                const std::optional<PackageCommand> command = read_package_command(run->command);
                if (!command)
                    continue;
                if (removes(*command)) {
                    kept.clear();
                    continue;
                }
                if (!installs(*command))
                    continue;
                for (const shell::Word& word : command->operands_after(1)) {
                    const std::string_view name = package_name(word.value);
                    if (!word.dynamic && is_build_package(name))
                        kept.push_back({std::string(name), i, word.range});
                }
            }
        }
    }
    return kept;
}

ImageToolchain image_toolchain(std::string_view image) {
    const ImageName parts = split_image(lower(image));
    const std::string_view name = docker_hub_path(parts.name);
    const std::string_view tag = parts.tag;
    const bool slim =
        tag.find("slim") != std::string_view::npos || tag.find("alpine") != std::string_view::npos;
    ImageToolchain out;
    if (name == "mcr.microsoft.com/dotnet/sdk" || name == "mcr.microsoft.com/dotnet/core/sdk")
        out.toolchain = Toolchain::Dotnet;
    else if (name == "golang")
        out.toolchain = Toolchain::Go;
    else if (name == "rust")
        out.toolchain = Toolchain::Rust;
    else if (name == "maven")
        out.toolchain = Toolchain::Maven;
    else if (name == "gradle")
        out.toolchain = Toolchain::Gradle;
    else if (name == "gcc")
        out.toolchain = Toolchain::Cpp;
    else if (name == "node")
        out.toolchain = Toolchain::Node;
    if (name == "gcc")
        out.c_compiler = true;
    else if (name == "buildpack-deps")
        out.c_compiler =
            tag.find("curl") == std::string_view::npos && tag.find("scm") == std::string_view::npos;
    else if (contains({"golang", "rust", "python", "node", "ruby", "perl"}, name))
        out.c_compiler = !slim;
    return out;
}

std::optional<std::string> stage_base_image(const Dockerfile& file, const SemanticModel& model,
                                            std::size_t stage) {
    const std::size_t first = stage_lineage(model, stage).back();
    const std::size_t from = model.stages()[first].from;
    const Instruction& ins = file.instructions[from];
    if (!ins.from)
        return std::nullopt;
    return default_value(ins.from->image.word, model.scope_at(from));
}

} // namespace drydock::rules
