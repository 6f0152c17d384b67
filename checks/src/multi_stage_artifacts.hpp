#pragma once
// The ecosystem half of the multi-stage rewrite (multi_stage_rewrite.hpp): from what a single stage builds
// and starts, which files the runtime stage copies from the build stage, on which image, with which OS
// packages, and what the build stage must change so that its output runs there (`CGO_ENABLED=0`, a
// virtualenv). One function per ecosystem; each answers with a runtime or with why it cannot tell, never with
// a guess.

#include "build_toolchain.hpp"
#include "runtime_images.hpp"

#include <drydock/fixers/fix.hpp>
#include <drydock/parser/ast.hpp>
#include <drydock/parser/semantics.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drydock::rules::multi_stage {

// The single stage, as the rewrite reads it.
struct StageFacts {
    const Dockerfile* file = nullptr;
    const SemanticModel* model = nullptr;
    std::size_t from = 0;             // the FROM instruction
    std::size_t end = 0;              // one past the stage's last instruction
    std::string builder;              // the base image, variables replaced
    std::vector<BuildCommand> builds; // every build command of the stage, in source order
    Toolchain toolchain{};            // the toolchain of the build DD2002 reports
    std::optional<std::string> build_context;
    std::vector<std::string> start; // what the image starts: ENTRYPOINT's words, then CMD's (exec form)
    bool start_shell_form = false;  // the start command runs under `/bin/sh -c`
    bool start_known = false;       // the start command is exec form or one simple command of known words
    bool sets_workdir = false;      // the stage has a WORKDIR
    std::optional<std::string> final_workdir; // where the start command runs, when known
};

// A file or folder the runtime stage copies from the build stage.
struct CopiedArtifact {
    std::string from; // absolute path in the build stage
    std::string to;   // absolute path in the runtime stage
};

// What the runtime stage is made of, besides what every rewrite moves (CMD, EXPOSE, …).
struct Runtime {
    RuntimeImage image;
    std::vector<std::string> packages; // OS packages the runtime stage installs
    std::vector<std::string> env;      // instructions after the copied ENVs (`ENV PATH=…` of a venv)
    std::vector<std::string>
        before_copies;                     // after WORKDIR (`COPY package*.json ./`, `RUN npm ci --omit=dev`)
    std::vector<CopiedArtifact> artifacts; // `COPY --from=build`
    std::vector<std::size_t> copies;       // COPY/ADD instructions repeated as written (application source)
    std::vector<Edit> builder_edits;       // changes to the build stage
    bool static_site = false;              // nginx serves the files: no CMD/ENTRYPOINT, EXPOSE of its port
};

struct Outcome {
    std::optional<Runtime> runtime;
    std::string why; // when there is no runtime
};

Outcome plan_runtime(const StageFacts& facts);

// ---- Helpers shared with the rewrite

// `path` joined to the absolute directory `dir` and normalised (`.`, `..`, repeated and trailing slashes).
std::string join_path(std::string_view dir, std::string_view path);
std::string_view dirname_of(std::string_view path);
std::string_view basename_of(std::string_view path);

// The absolute working directory of instruction `index` of the stage: its WORKDIRs so far; nullopt when the
// stage sets none before it (the base image's is not known here) or one is not known statically.
std::optional<std::string> workdir_at(const StageFacts& facts, std::size_t index);

// Fills `start`, `start_shell_form` and `start_known` from the stage's last ENTRYPOINT and CMD.
void read_start(StageFacts& facts);

// OS packages the stage installs and does not remove (apt-get/apt, apk), in order: their names and the
// package manager family ("apt" or "apk"). `dynamic` is set when a package is given by a variable.
struct InstalledPackages {
    std::vector<std::string> names;
    std::string manager;
    bool dynamic = false;
    bool mixed = false; // both apt and apk, or another package manager
};
InstalledPackages installed_packages(const StageFacts& facts);

} // namespace drydock::rules::multi_stage
