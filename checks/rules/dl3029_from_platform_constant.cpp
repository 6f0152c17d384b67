// DL3029: FROM --platform with a constant value.

#include "instruction_queries.hpp"
#include "rule_support.hpp"

#include <array>
#include <string>

namespace drydock::rules {
namespace {

constexpr std::array<std::string_view, 1> aliases{"FromPlatformFlagConstDisallowed"};

constexpr RuleMeta rule_meta{
    .code = "DL3029",
    .name = "from-platform-constant",
    .aliases = aliases,
    .severity = Severity::Warning,
    .category = Category::Reproducibility,
    .summary = "Do not use --platform flag with FROM",
    .docs =
        {.what =
             "Reports `FROM --platform=` with a constant value (`--platform=linux/amd64`), at the value. A "
             "value with any variable is a choice made at build time and passes: `$BUILDPLATFORM`, "
             "`$TARGETPLATFORM`, `linux/$TARGETARCH`, or an `ARG` of your own (hadolint accepts only the "
             "first two). As in BuildKit's FromPlatformFlagConstDisallowed, a stage whose name contains the "
             "platform's OS or architecture (`FROM --platform=linux/arm64 alpine AS build-arm64`) is an "
             "intentional per-platform stage and passes too.",
         .why = "A fixed platform makes the image build for that platform only: `docker buildx build "
                "--platform linux/arm64,linux/amd64` can no longer produce a multi-platform image, and on "
                "another architecture the build runs under emulation. Pass `--platform` on the command line, "
                "or use `$BUILDPLATFORM` for stages that cross-compile.",
         .bad = "FROM --platform=linux/amd64 golang:1.23 AS build\nRUN go build -o /out/app .\n",
         .good = "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN "
                 "GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3029\n"
                       "https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/"},
};

// Whether the stage name mentions the platform: one of its `/`-separated parts (`linux`, `arm64`), or the
// architecture under its usual other name (`x86_64` is `amd64`, `aarch64` is `arm64`).
bool names_platform(std::string_view stage_name, std::string_view platform) {
    if (stage_name.empty())
        return false;
    const std::string name = to_lower(stage_name);
    const std::string lowered = to_lower(platform);
    std::size_t begin = 0;
    while (begin <= lowered.size()) {
        const std::size_t end = std::min(lowered.find('/', begin), lowered.size());
        std::string part = lowered.substr(begin, end - begin);
        if (part == "x86_64" || part == "x86-64")
            part = "amd64";
        else if (part == "aarch64")
            part = "arm64";
        if (!part.empty() && name.find(part) != std::string::npos)
            return true;
        begin = end + 1;
    }
    return false;
}

class FromPlatformConstant final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        const Flag* platform = ins.flag("platform");
        if (context.in_onbuild() || !platform || !platform->value || !ins.from)
            return;
        const Word value = with_variables(*platform->value, context.file().escape);
        if (!value.variables.empty() || value.value.empty())
            return;
        if (ins.from->stage_name && names_platform(ins.from->stage_name->value, value.value))
            return;
        context.report(value.range,
                       "Do not use --platform flag with FROM: `" + value.value +
                           "` is a constant platform; use `$BUILDPLATFORM` or `$TARGETPLATFORM`, "
                           "or choose the platform on the command line");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3029, drydock::rules::rule_meta, drydock::rules::FromPlatformConstant)
