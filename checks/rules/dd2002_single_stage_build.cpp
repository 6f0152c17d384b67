// DD2002: a single-stage Dockerfile builds its artifact, so the shipped image keeps the build toolchain.

#include "build_toolchain.hpp"
#include "multi_stage_rewrite.hpp"
#include "rule_support.hpp"
#include "stage_uses.hpp"

#include <drydock/fixers/apply.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules {
namespace {

// What the fix does, per ecosystem, and when it refuses (multi_stage_rewrite.hpp).
constexpr std::string_view fix_safety_text =
    "Unsafe: the fix splits the file into a build stage and a runtime stage. The only stage gets ` AS build` "
    "(a "
    "stage that already has a name keeps it) and stays as it is, but for the instructions that describe the "
    "running container — CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, USER, STOPSIGNAL, VOLUME, LABEL, MAINTAINER — "
    "which move, with the comment lines directly above them, into a `runtime` stage appended at the end of "
    "the "
    "file (a USER before the last RUN stays, since the build runs as that user, and is repeated). The "
    "runtime "
    "stage repeats the ENV instructions (but those that only configure a toolchain: Go's build settings, "
    "`CGO_*`, `CARGO_*`, `RUSTUP_*`, `RUSTFLAGS`, `MAVEN_*`, `GRADLE_*`, `NPM_CONFIG_*`, `PIP_*`) and the "
    "ARGs "
    "that they and the moved instructions use, installs the runtime libraries of the development packages "
    "the "
    "build keeps (`libssl-dev` -> `libssl3`, `libpq-dev` -> `libpq5`, …) and the OS packages that are not "
    "build "
    "tools, sets the final WORKDIR, copies the build's output with `COPY --from=build` to the same path, "
    "repeats the COPY and ADD instructions that come after the build, and ends with the moved instructions. "
    "Per ecosystem:\n"
    "* Go: the `-o` file of the `go build` whose binary the start command runs, on "
    "`gcr.io/distroless/static-debian12:nonroot` (`alpine:3.23` for an Alpine builder); `CGO_ENABLED=0 ` is "
    "put before `go build` unless set, so that the binary is static.\n"
    "* Rust: `target/[<triple>/]release/<name>` (or `debug`) of `cargo build` when the start command runs "
    "that path, or `<root>/bin/<name>` of `cargo install` (`--root`, `CARGO_INSTALL_ROOT`, or "
    "`/usr/local/cargo` on the rust images; copied to `/usr/local/bin` when the start command names it "
    "bare), on `debian:<code name>-slim`.\n"
    "* C/C++: the start command's program when it lies under a folder where `make`, `cmake` or the compiler "
    "ran, or is a compiler's `-o` file, on `debian:<code name>-slim` for `gcc`, `debian`, `buildpack-deps` "
    "and the other Debian-based images (the code name in the tag, else `trixie`, which their untagged tags "
    "are built on: the runtime's C library is never older than the builder's), on the same Ubuntu release "
    "for Ubuntu builders, and on the builder itself when it is already `-slim` or Alpine.\n"
    "* Java (Maven, Gradle): the jar of `java -jar <jar>`, on `eclipse-temurin:<jdk>-jre` (`-alpine` kept), "
    "the JDK version read from the builder's tag.\n"
    "* Node.js: a static single-page app — the start command serves a folder with `serve` or `http-server`, "
    "or, when the build context's package.json is readable, runs the create-react-app (`build`) or Vite "
    "(`dist`) dev server — is served by `nginxinc/nginx-unprivileged:1.28-alpine` from "
    "`/usr/share/nginx/html`, with `EXPOSE 8080` and the image's own CMD; a server started as `node "
    "<folder>/<file>` runs on `node:<tag>-slim` with the production dependencies (`COPY package*.json ./`, "
    "then `npm ci --omit=dev`, `npm install --omit=dev` or `yarn install --production`, as the stage "
    "installs) and the output folder of the start script.\n"
    "* Python: `RUN python -m venv /opt/venv` and `ENV PATH=\"/opt/venv/bin:$PATH\"` go before the first RUN "
    "that runs pip; the runtime stage, on `python:<version>-slim[-<code name>]` (or the builder itself when "
    "it is already slim or Alpine), copies `/opt/venv` and repeats every COPY and ADD but those of the "
    "requirement files alone.\n"
    "* .NET: the `-o` folder of `dotnet publish`, on `mcr.microsoft.com/dotnet/aspnet` with the SDK's "
    "tag.\n\n"
    "The runtime image lacks everything else the build stage has: what the builder image ships (CA "
    "certificates, time zones, the libraries of a full `gcc`, `rust` or `python` image) and what the stage "
    "installed or wrote besides the copied output (configuration, templates, shared libraries the build "
    "made). Review them, and build and run both images. The rewrite adds no USER: the non-root fix (DD2001) "
    "applies to the runtime stage next.\n\n"
    "Display-only (the reason, no edit) when what the build produces cannot be told or would not run there: "
    "`go build` without `-o`, `go install`, a start command that runs something no build command is known "
    "to write, a jar given by a pattern, a JDK version not in the builder's tag, a development package with "
    "no known runtime library, OS packages the runtime image cannot install, a RUN after the build that "
    "does more than clean up, a USER or `--chown` naming a user the runtime image does not have, a "
    "shell-form start command or HEALTHCHECK on distroless or under a SHELL instruction, a HEALTHCHECK "
    "running a program the runtime image does not have, `CGO_ENABLED=1`, a base image with no known "
    "runtime image, and paths or images that depend on values not known statically.";

constexpr RuleMeta rule_meta{
    .code = "DD2002",
    .name = "single-stage-build",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .fix = FixAvailability::Sometimes,
    .summary = "The final image still contains the build toolchain: build in a separate stage",
    .docs =
        {.what =
             "Reports a Dockerfile with a single `FROM` that compiles or bundles in it, at the first build "
             "command, naming the toolchain it saw:\n"
             "* `go build`/`go install`, `cargo build`/`cargo install`, `mvn "
             "package|install|verify|compile`, "
             "`gradle build|assemble|jar|bootJar|…` (also the `mvnw`/`gradlew` wrappers), `dotnet "
             "build|publish`, and `npm run build…`, `yarn build…`, `pnpm build…`: the toolchain that runs "
             "them is in the image;\n"
             "* `gcc`, `g++`, `cc`, `clang`, `make`, `cmake`, when the image keeps a C compiler: its base "
             "ships one (`gcc`, `buildpack-deps`, and the non-`slim`, non-`alpine` variants of `golang`, "
             "`rust`, `python`, `node`, `ruby`, `perl`), or compiler and development packages "
             "(`build-essential`, `gcc`, `build-base`, `*-dev`, `*-devel`) are installed and no package "
             "removal follows;\n"
             "* `pip install`/`pip wheel`, when such packages are installed and kept (wheels compiled "
             "in place).\n\n"
             "Quiet for interpreted applications that only install their runtime dependencies (`pip install` "
             "on a `-slim` image, `npm ci --omit=dev`), for the usual install-compile-remove pattern in one "
             "`RUN` (`apk add --virtual .build-deps … && make && apk del .build-deps`; also a Go, Rust, "
             "Java, "
             ".NET or Node.js toolchain installed as packages and removed after the build), and for "
             "multi-stage "
             "Dockerfiles. Quiet for toolchain and base images, whose compilers are their purpose: "
             "an image with no `CMD` or `ENTRYPOINT` of its own, or whose default command is a shell, REPL "
             "or build tool without arguments (`CMD [\"python3\"]`, `CMD [\"ghci\"]`, `ENTRYPOINT "
             "[\"javac\"]`, also behind a `docker-entrypoint.sh`).\n\n"
             "Severity info: a single-stage build is not wrong — development images, CI images and "
             "toolchain images keep their compilers on purpose — but for an application image it costs size "
             "and attack surface. Disable the rule for such files.",
         .why = "Compilers, package caches, sources and intermediate files make the image several times "
                "larger than the artifact it ships, and every tool in it is something an attacker can use "
                "and a scanner reports. A multi-stage build compiles in a build stage and copies only the "
                "result into a small runtime image (`scratch` or distroless for static Go and Rust "
                "binaries, a JRE for Java, `node:…-slim` for bundled Node.js apps).",
         .bad = "FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n",
         .good = "FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\n\n"
                 "FROM gcr.io/distroless/static-debian12:nonroot AS runtime\nWORKDIR /src\n"
                 "COPY --from=build /app /app\nCMD [\"/app\"]\n",
         .fix_safety = fix_safety_text,
         .references = "https://docs.docker.com/build/building/multi-stage/\n"
                       "https://docs.docker.com/build/building/best-practices/#use-multi-stage-builds"},
};

// Programs that, run with no arguments as the image's default command, make it a shell, REPL or build tool:
// the image is a toolchain or base image whose compilers are its purpose (`CMD ["python3"]`, `CMD ["ghci"]`,
// `ENTRYPOINT ["javac"]`).
constexpr std::array<std::string_view, 34> interactive_programs = {
    "sh",    "bash",   "ash",    "dash",   "zsh",   "fish", "ksh",    "python", "pypy",
    "node",  "nodejs", "irb",    "ruby",   "ghci",  "ghc",  "jshell", "julia",  "php",
    "perl",  "R",      "iex",    "erl",    "lua",   "deno", "bun",    "go",     "cargo",
    "rustc", "mvn",    "gradle", "dotnet", "javac", "java", "make"};

// `python3.12` -> `python`, `/usr/bin/bash` -> `bash`, `go.bash` (a wrapper script) -> `go`.
std::string_view program_stem(std::string_view word) {
    word = word.substr(word.rfind('/') + 1);
    for (const std::string_view extension : {".sh", ".bash", ".ash"})
        if (word.ends_with(extension) && word.size() > extension.size()) {
            word.remove_suffix(extension.size());
            break;
        }
    while (!word.empty() && (std::isdigit(static_cast<unsigned char>(word.back())) || word.back() == '.'))
        word.remove_suffix(1);
    return word;
}

// The words of a CMD or ENTRYPOINT: its exec-form elements, or the words of a shell form that is one simple
// command.
std::vector<std::string> command_words(const Instruction& ins) {
    std::vector<std::string> out;
    if (ins.json_form) {
        for (const Word& word : ins.arguments)
            out.push_back(word.value);
    } else if (ins.command && ins.command->script && ins.command->script->commands.size() == 1) {
        for (const shell::Word& word : ins.command->script->commands.front().words)
            out.push_back(word.value);
    }
    return out;
}

bool is_interactive(const std::vector<std::string>& words) {
    if (words.empty())
        return false;
    const std::string_view program = program_stem(words.front());
    if (std::find(interactive_programs.begin(), interactive_programs.end(), program) ==
        interactive_programs.end())
        return false;
    return words.size() == 1 || (program == "php" && words.size() == 2 && words[1] == "-a");
}

// Whether the image is a toolchain or base image rather than an application: the stage (and the stages it
// builds on) sets no CMD or ENTRYPOINT, or its default command is a shell, REPL or build tool without
// arguments, also behind an entrypoint script (`ENTRYPOINT ["docker-entrypoint.sh"]` + `CMD ["node"]`).
bool is_toolchain_image(const Dockerfile& file, const SemanticModel& model, std::size_t stage) {
    const Instruction* cmd = nullptr;
    const Instruction* entrypoint = nullptr;
    for (const std::size_t s : stage_lineage(model, stage)) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.end; i > st.from + 1; --i) {
            const Instruction& ins = file.instructions[i - 1];
            if (!cmd && ins.is(InstructionKind::Cmd))
                cmd = &ins;
            if (!entrypoint && ins.is(InstructionKind::Entrypoint))
                entrypoint = &ins;
        }
    }
    if (!cmd && !entrypoint)
        return true;
    if (!entrypoint)
        return is_interactive(command_words(*cmd));
    const std::vector<std::string> words = command_words(*entrypoint);
    if (is_interactive(words))
        return true;
    const bool entrypoint_script = words.size() == 1 && words.front().find("entrypoint") != std::string::npos;
    return entrypoint_script && cmd && is_interactive(command_words(*cmd));
}

// The split as one edit covering everything it changes, from the `AS build` it adds to the runtime stage it
// appends. Other fixes inside that span (DD2001's user, written for the single stage) then wait for the next
// pass and are recomputed for the new stages, instead of landing in the build stage in the same pass.
Fix as_one_edit(std::string_view text, Fix fix) {
    const std::string changed = apply_fixes(text, std::span<const Fix>(&fix, 1)).text;
    std::size_t prefix = 0;
    while (prefix < text.size() && prefix < changed.size() && text[prefix] == changed[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < text.size() - prefix && suffix < changed.size() - prefix &&
           text[text.size() - 1 - suffix] == changed[changed.size() - 1 - suffix])
        ++suffix;
    const TextRange range{static_cast<TextSize>(prefix), static_cast<TextSize>(text.size() - suffix)};
    fix.edits = {Edit{range, changed.substr(prefix, changed.size() - prefix - suffix)}};
    return fix;
}

class SingleStageBuild final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction&, Context&) override {}

    void end_file(Context& context) override {
        const Dockerfile& file = context.file();
        const SemanticModel& model = context.model();
        if (model.stages().size() != 1)
            return;
        const std::vector<BuildCommand> commands = build_commands(file, model, 0);
        if (commands.empty() || is_toolchain_image(file, model, 0))
            return;
        const std::vector<BuildPackage> kept = kept_build_packages(file, model, 0);
        const std::optional<std::string> image = stage_base_image(file, model, 0);
        const ImageToolchain shipped = image ? image_toolchain(*image) : ImageToolchain{};
        for (const BuildCommand& command : commands) {
            if (!toolchain_kept(command, kept, shipped))
                continue;
            context.report(command.range, message(command, kept, image, shipped), fix(context, command));
            return;
        }
    }

private:
    // The multi-stage rewrite, or the reason there is none, shown but never applied.
    static Fix fix(const Context& context, const BuildCommand& command) {
        MultiStagePlan plan =
            plan_multi_stage(context.file(), context.model(), command, context.config().build_context);
        if (plan.fix)
            return as_one_edit(context.file().source, std::move(*plan.fix));
        return Fix{
            "Not split into build and runtime stages: " + plan.explanation, {}, Applicability::DisplayOnly};
    }

    // Whether the toolchain that ran `command` is still in the image. C/C++ and Python builds need a
    // compiler: one the base image ships or build packages nobody removed. The other toolchains are there
    // unless the base image does not ship them and a package removal runs after the build (installed as
    // packages, used, removed: `apt-get install golang-go && go install … && apt-get purge …`).
    static bool toolchain_kept(const BuildCommand& command, const std::vector<BuildPackage>& kept,
                               const ImageToolchain& shipped) {
        switch (command.toolchain) {
        case Toolchain::Cpp:
            return !kept.empty() || shipped.c_compiler;
        case Toolchain::Python:
            return !kept.empty();
        default:
            return shipped.toolchain == command.toolchain || !command.packages_removed_after;
        }
    }

    // The kept package to name: a compiler (`build-essential`, `gcc`) rather than a library's headers.
    static std::string named_package(const std::vector<BuildPackage>& kept) {
        for (const BuildPackage& package : kept)
            if (!package.name.ends_with("-dev") && !package.name.ends_with("-devel"))
                return package.name;
        return kept.front().name;
    }

    static std::string message(const BuildCommand& command, const std::vector<BuildPackage>& kept,
                               const std::optional<std::string>& image, const ImageToolchain& shipped) {
        std::string text = "The final image still contains the " +
                           std::string(toolchain_name(command.toolchain)) + " toolchain: `" + command.label +
                           "` runs in the only stage";
        if ((command.toolchain == Toolchain::Cpp || command.toolchain == Toolchain::Python) && !kept.empty())
            text += " and `" + named_package(kept) + "` is never removed";
        else if (image && (shipped.toolchain == command.toolchain ||
                           (command.toolchain == Toolchain::Cpp && shipped.c_compiler)))
            text += " of `" + *image + "`";
        return text + "; build in a separate stage and copy only the result into a runtime image";
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2002, drydock::rules::rule_meta, drydock::rules::SingleStageBuild)
