// The multi-stage rewrite of compiled applications: Go, Rust, C/C++, Java (Maven, Gradle) and .NET. The file
// the runtime stage copies is the one the start command runs, and it must be one a build command is known to
// write. See multi_stage_ecosystems.hpp.

#include "multi_stage_ecosystems.hpp"

#include <drydock/fixers/text_edits.hpp>

namespace drydock::rules::multi_stage {
namespace {

// ---- Go

// `-o X`, `-o=X` (Go's flags take one dash or two).
std::optional<shell::Word> go_output(const shell::Command& go) {
    for (std::size_t i = 2; i < go.words.size(); ++i) {
        const std::string_view word = go.words[i].value;
        if (word == "-o" || word == "--o")
            return i + 1 < go.words.size() ? std::optional<shell::Word>(go.words[i + 1]) : std::nullopt;
        for (const std::string_view prefix : {"-o=", "--o="})
            if (word.starts_with(prefix)) {
                shell::Word value = go.words[i];
                value.value = std::string(word.substr(prefix.size()));
                return value;
            }
    }
    return std::nullopt;
}

// Whether `CGO_ENABLED` is set for the command: by ENV, a prefix assignment or an `export` before it.
std::optional<std::string> cgo_setting(const StageFacts& facts, const BuildCommand& build,
                                       const Located& at) {
    std::optional<std::string> value = env_value(facts, build.instruction, "CGO_ENABLED");
    if (at.script)
        for (const shell::Command& command : at.script->commands) {
            if (command.range.begin > at.raw->range.begin)
                break;
            const bool exports = command.name() == "export" && command.range.begin < at.raw->range.begin;
            for (const shell::Word& word : exports ? command.words : command.assignments)
                if (word.value.starts_with("CGO_ENABLED="))
                    value = word.value.substr(12);
            if (&command == at.raw)
                for (const shell::Word& word : command.words) // `env CGO_ENABLED=0 go build`
                    if (word.range.begin < build.range.begin && word.value.starts_with("CGO_ENABLED="))
                        value = word.value.substr(12);
        }
    return value;
}

} // namespace

Outcome plan_go(const StageFacts& facts) {
    const std::optional<std::string> program = start_program(facts);
    if (!program)
        return cannot_tell(no_start());
    std::string tried;
    for (const BuildCommand& build : facts.builds) {
        if (build.toolchain != Toolchain::Go)
            continue;
        if (build.label == "go install")
            return cannot_tell(
                "`go install` writes the binary into GOBIN; name it with `go build -o <path>`");
        const std::optional<Located> at = locate(facts, build);
        if (!at)
            continue;
        const std::optional<shell::Word> output = go_output(at->command);
        if (!output)
            return cannot_tell("`go build` has no `-o`");
        const std::optional<std::string> value = value_of(facts, build.instruction, *output);
        if (!value || value->empty() || value->ends_with('/'))
            return cannot_tell("the `-o` of `go build` is not a known file name");
        const std::optional<std::string> path = resolve(facts, build, *at, *value);
        if (!path)
            return cannot_tell("`go build -o " + *value + "` is relative to a directory that is not known");
        if (!starts(facts, *program, *path)) {
            tried = *path;
            continue;
        }
        Runtime runtime;
        const std::optional<std::string> cgo = cgo_setting(facts, build, *at);
        if (cgo && *cgo != "0")
            return refuse("`go build` links with cgo (`CGO_ENABLED=" + *cgo +
                          "`), so the binary needs the builder's C library");
        if (!cgo) {
            if (!at->script)
                return refuse("`go build` runs in an exec-form RUN, where `CGO_ENABLED=0` cannot be set");
            // A static binary: it runs without the builder's C library.
            runtime.builder_edits.push_back(insert_at(build.range.begin, "CGO_ENABLED=0 "));
        }
        runtime.image = *go_runtime(facts.builder).runtime;
        runtime.artifacts.push_back({*path, *path});
        return {std::move(runtime), {}};
    }
    return cannot_tell("the start command runs " + code_span(*program) +
                       (tried.empty() ? std::string(", which no `go build` writes")
                                      : ", not the binary `go build` writes (" + code_span(tried) + ")"));
}

// ---- Rust

Outcome plan_rust(const StageFacts& facts) {
    const std::optional<std::string> program = start_program(facts);
    if (!program)
        return cannot_tell(no_start());
    std::string tried; // the binary of a cargo command the start command does not run
    for (const BuildCommand& build : facts.builds) {
        if (build.toolchain != Toolchain::Rust)
            continue;
        const std::optional<Located> at = locate(facts, build);
        if (!at)
            continue;
        const shell::Command& cargo = at->command;
        if (cargo.flag_value("manifest-path") || cargo.flag_value("profile"))
            return cannot_tell("`" + build.label + "` names its own manifest or profile");
        const std::string name(basename_of(*program));
        if (build.label == "cargo install") {
            std::optional<std::string> root;
            if (const std::optional<shell::Word> flag = cargo.flag_value("root"))
                root = value_of(facts, build.instruction, *flag);
            else if (const std::optional<std::string> env =
                         env_value(facts, build.instruction, "CARGO_INSTALL_ROOT"))
                root = *env;
            else if (facts.builder == "rust" || facts.builder.starts_with("rust:") ||
                     facts.builder.starts_with("docker.io/library/rust:"))
                root = "/usr/local/cargo"; // CARGO_HOME of the rust images
            const std::optional<std::string> dir = root && root->find('$') == std::string::npos
                                                       ? resolve(facts, build, *at, *root + "/bin")
                                                       : std::optional<std::string>();
            if (!dir)
                return cannot_tell("the install root of `cargo install` is not known");
            const std::string path = *dir + "/" + name;
            const bool bare = program->find('/') == std::string::npos;
            if (!bare && start_path(facts, *program) != path) {
                tried = path;
                continue;
            }
            // A bare name was found through the rust image's PATH, which has the cargo bin folder; the
            // runtime's PATH does not.
            return copy_to_runtime(
                native_runtime(facts.builder),
                {{path, bare && !on_default_path(*dir) ? "/usr/local/bin/" + name : path}});
        }
        // cargo build: `<dir>/target[/<triple>]/<debug|release>/<name>`.
        std::optional<std::string> target = "target";
        if (const std::optional<shell::Word> flag = cargo.flag_value("target-dir"))
            target = value_of(facts, build.instruction, *flag);
        else if (const std::optional<std::string> env =
                     env_value(facts, build.instruction, "CARGO_TARGET_DIR"))
            target = *env;
        std::optional<std::string> triple;
        if (const std::optional<shell::Word> flag = cargo.flag_value("target")) {
            triple = value_of(facts, build.instruction, *flag);
            if (!triple)
                return cannot_tell("the `--target` of `cargo build` is not known");
        }
        const std::optional<std::string> out = target && target->find('$') == std::string::npos
                                                   ? resolve(facts, build, *at, *target)
                                                   : std::nullopt;
        if (!out)
            return cannot_tell("the target folder of `cargo build` is not known");
        const std::string profile = cargo.has_flag("release") || cargo.has_flag("r") ? "release" : "debug";
        const std::string path = *out + (triple ? "/" + *triple : std::string()) + "/" + profile + "/" + name;
        if (program->find('/') == std::string::npos || start_path(facts, *program) != path) {
            tried = path;
            continue;
        }
        return copy_to_runtime(native_runtime(facts.builder), {{path, path}});
    }
    return cannot_tell("the start command runs " + code_span(*program) +
                       (tried.empty() ? std::string(", which no cargo command writes")
                                      : ", not the binary cargo writes (" + code_span(tried) + ")"));
}

// ---- C and C++

Outcome plan_native(const StageFacts& facts) {
    const std::optional<std::string> program = start_program(facts);
    if (!program)
        return cannot_tell(no_start());
    std::vector<std::string> folders; // where a build ran
    std::vector<std::string> outputs; // `-o` files
    for (const BuildCommand& build : facts.builds) {
        if (build.toolchain != Toolchain::Cpp)
            continue;
        const std::optional<Located> at = locate(facts, build);
        if (!at)
            continue;
        if (const std::optional<std::string> dir = directory_of(facts, build, *at); dir && *dir != "/")
            folders.push_back(*dir);
        // make -C DIR, cmake -B DIR, cmake --build DIR
        const bool builds_elsewhere = build.label == "make" || build.label == "cmake";
        for (const std::string_view flag : {"C", "B", "build"})
            if (const std::optional<shell::Word> word =
                    builds_elsewhere ? at->command.flag_value(flag) : std::optional<shell::Word>())
                if (const std::optional<std::string> value = value_of(facts, build.instruction, *word))
                    if (const std::optional<std::string> dir = resolve(facts, build, *at, *value);
                        dir && *dir != "/")
                        folders.push_back(*dir);
        if (build.label != "make" && build.label != "cmake")
            if (const std::optional<shell::Word> word = at->command.flag_value("o"))
                if (const std::optional<std::string> value = value_of(facts, build.instruction, *word))
                    if (const std::optional<std::string> path = resolve(facts, build, *at, *value))
                        outputs.push_back(*path);
    }
    std::optional<std::string> path;
    for (const std::string& output : outputs)
        if (starts(facts, *program, output))
            path = output;
    if (!path && program->find('/') != std::string::npos)
        if (const std::optional<std::string> started = start_path(facts, *program))
            for (const std::string& folder : folders)
                if (started->starts_with(folder + "/"))
                    path = started;
    if (!path)
        return cannot_tell("the start command runs " + code_span(*program) +
                           ", which is not under a folder where the build ran nor a `-o` file");
    return copy_to_runtime(native_runtime(facts.builder), {{*path, *path}});
}

// ---- Java

Outcome plan_java(const StageFacts& facts) {
    const std::optional<std::string> program = start_program(facts);
    if (!program)
        return cannot_tell(no_start());
    if (*program != "java")
        return cannot_tell("the start command runs " + code_span(*program) + ", not `java -jar …`");
    std::optional<std::string> jar;
    for (std::size_t i = 1; i + 1 < facts.start.size() && !jar; ++i)
        if (facts.start[i] == "-jar")
            jar = facts.start[i + 1];
    if (!jar)
        return cannot_tell("the start command runs classes, not a jar (`java -jar …`)");
    if (jar->find_first_of("*?[$") != std::string::npos)
        return cannot_tell("the start command runs the jar " + code_span(*jar) + ", a pattern, not one file");
    const std::optional<std::string> path = start_path(facts, *jar);
    if (!path)
        return cannot_tell("the jar " + code_span(*jar) +
                           " is relative to a working directory that is not known");
    return copy_to_runtime(java_runtime(facts.builder), {{*path, *path}});
}

// ---- .NET

Outcome plan_dotnet(const StageFacts& facts) {
    const std::optional<std::string> program = start_program(facts);
    if (!program)
        return cannot_tell(no_start());
    for (const BuildCommand& build : facts.builds) {
        if (build.label != "dotnet publish")
            continue;
        const std::optional<Located> at = locate(facts, build);
        if (!at)
            continue;
        std::optional<shell::Word> flag = at->command.flag_value("o");
        if (!flag)
            flag = at->command.flag_value("output");
        if (!flag)
            return cannot_tell("`dotnet publish` has no `-o`");
        const std::optional<std::string> value = value_of(facts, build.instruction, *flag);
        const std::optional<std::string> out = value ? resolve(facts, build, *at, *value) : std::nullopt;
        if (!out)
            return cannot_tell("the `-o` folder of `dotnet publish` is not known");
        // `dotnet app.dll` or the app host itself, from the published folder.
        const std::string_view file = *program == "dotnet" && facts.start.size() > 1
                                          ? std::string_view(facts.start[1])
                                          : std::string_view(*program);
        const std::optional<std::string> started = start_path(facts, file);
        if (!started || !started->starts_with(*out + "/"))
            return cannot_tell("the start command does not run what `dotnet publish` writes to " +
                               code_span(*out));
        return copy_to_runtime(dotnet_runtime(facts.builder), {{*out, *out}});
    }
    return cannot_tell(
        "`dotnet build` leaves its output in `bin/`; publish it with `dotnet publish -o <folder>`");
}

} // namespace drydock::rules::multi_stage
