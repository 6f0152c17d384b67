// DL3010: a COPY-ed tar archive is extracted by a later RUN of the stage; ADD extracts it in one step.

#include "rule_support.hpp"
#include "shell_queries.hpp"
#include "word_values.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3010",
    .name = "extract-with-add",
    .severity = Severity::Info,
    .category = Category::ImageSize,
    .summary = "Use ADD for extracting archives into an image",
    .docs =
        {.what =
             "Reports a local tar archive that a `COPY` puts into the image (`.tar`, `.tar.gz`/`.tgz`, "
             "`.tar.bz2`/`.tbz2`/`.tbz`/`.tb2`, `.tar.xz`/`.txz`, `.tar.zst`/`.tzst`) when a later `RUN` of "
             "the "
             "same stage extracts it: `tar -x` (also `tar xzf`, `--extract`, `--get`) with the archive as "
             "its `-f`/`--file`, or a decompressor (`gunzip`, `zcat`, `bunzip2`, `unxz`, `unzstd`, …, also "
             "`gzip -d` and friends) reading it, for example piped into `tar -x`. Archives are matched by "
             "file name (the `COPY` source, or the destination when that names the archive); variables in "
             "the `COPY` are resolved from `ARG`/`ENV` defaults. The finding is on the `COPY` source.\n\n"
             "Unlike hadolint, extractions that `ADD` cannot do are not reported: zip files (`unzip`), "
             "compressed single files that are not tar archives (`gunzip data.csv.gz`), `.lz`/`.lzma`/`.Z` "
             "compression, and `tar` runs that extract only some members or rewrite paths "
             "(`--strip-components`, `--exclude`, `--wildcards`, `--transform`, `-O`, `-T`).",
         .why = "A `COPY` followed by an extracting `RUN` stores the archive in one layer and its contents "
                "in another, so the image carries both (and removing the archive later does not shrink "
                "it). `ADD` extracts a local tar archive straight into the destination in a single layer.",
         .bad = "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm "
                "/tmp/app.tar.gz\n",
         .good = "FROM debian:12\nADD app.tar.gz /opt/\n",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3010\n"
                       "https://docs.docker.com/reference/dockerfile/#add"},
};

// Archive types that ADD recognises and extracts: tar, plain or compressed with gzip, bzip2, xz or zstd.
constexpr std::array<std::string_view, 11> tar_suffixes = {
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tb2", ".tar.xz", ".txz", ".tar.zst", ".tzst"};

std::string_view basename(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_tar_archive(std::string_view name) {
    return std::any_of(tar_suffixes.begin(), tar_suffixes.end(), [&](std::string_view suffix) {
        return name.size() > suffix.size() && name.ends_with(suffix);
    });
}

// Programs that decompress a file; with `gzip`, `bzip2`, `xz`, `zstd` only when given `-d`.
bool is_decompressor(const shell::Command& command) {
    constexpr std::array<std::string_view, 9> always = {"gunzip", "zcat",  "gzcat",  "bunzip2", "bzcat",
                                                        "unxz",   "xzcat", "unzstd", "zstdcat"};
    const std::string_view name = command.name();
    if (std::find(always.begin(), always.end(), name) != always.end())
        return true;
    const bool compressor = name == "gzip" || name == "bzip2" || name == "xz" || name == "zstd";
    return compressor && command.has_any_flag({"d", "decompress"});
}

// `tar xzf a.tgz` (old-style options without a dash) read as `tar -xzf a.tgz`.
shell::Command with_dashed_options(shell::Command tar) {
    if (tar.words.size() > 1 && !tar.words[1].value.starts_with("-") && !tar.words[1].dynamic &&
        std::all_of(tar.words[1].value.begin(), tar.words[1].value.end(),
                    [](unsigned char c) { return std::isalpha(c); }))
        tar.words[1].value.insert(0, "-");
    return tar;
}

// tar's options that take a separate value.
std::vector<shell::Word> tar_operands(const shell::Command& tar) {
    return tar.operands({"f", "file",
                         "C", "directory",
                         "T", "files-from",
                         "X", "exclude-from",
                         "b", "blocking-factor",
                         "H", "format",
                         "g", "listed-incremental",
                         "K", "starting-file",
                         "N", "newer",
                         "V", "label",
                         "I", "use-compress-program",
                         "L", "tape-length"});
}

// The archive a `tar` command reads with `-f` (also inside a cluster such as `-xzf`, or `--file=`).
std::optional<shell::Word> tar_file(const shell::Command& tar) {
    if (std::optional<shell::Word> file = tar.flag_value("file"))
        return file;
    for (std::size_t i = 1; i < tar.words.size(); ++i) {
        const std::string_view word = tar.words[i].value;
        if (word == "--")
            break;
        if (word.size() < 2 || word[0] != '-' || word[1] == '-')
            continue;
        // Only the option letters count: in `-C/tmp/foo` the `f` belongs to the value of `-C`.
        const std::size_t letters =
            word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1);
        const std::size_t f = word.find('f');
        if (f == std::string_view::npos || (letters != std::string_view::npos && f > letters))
            continue;
        if (f + 1 < word.size()) {
            shell::Word value = tar.words[i];
            value.value = std::string(word.substr(f + 1));
            return value;
        }
        if (i + 1 < tar.words.size())
            return tar.words[i + 1];
    }
    return std::nullopt;
}

// The archive file a `tar` extracts as a whole, as ADD would; nullopt when the command does not extract, or
// extracts only some members or rewrites paths.
std::optional<shell::Word> tar_extracted_archive(const shell::Command& written) {
    const shell::Command tar = with_dashed_options(written);
    if (!tar.has_any_flag({"x", "extract", "get"}))
        return std::nullopt;
    if (tar.has_any_flag({"strip-components", "strip", "exclude", "exclude-from", "X", "wildcards",
                          "transform", "xform", "O", "to-stdout", "to-command", "T", "files-from"}))
        return std::nullopt;
    if (!tar_operands(tar).empty())
        return std::nullopt; // member names: a partial extraction
    return tar_file(tar);
}

// The archive names a command extracts (tar) or decompresses for extraction (gunzip and friends).
std::vector<shell::Word> extracted_files(const shell::Command& command) {
    if (command.name() == "tar") {
        std::optional<shell::Word> archive = tar_extracted_archive(command);
        return archive ? std::vector<shell::Word>{*archive} : std::vector<shell::Word>{};
    }
    if (is_decompressor(command))
        return command.operands({"S", "suffix"});
    return {};
}

// A tar archive put into the image by a COPY of the current stage.
struct CopiedArchive {
    std::string name; // the file name the RUN will use
    TextRange source; // the COPY source word, where the finding goes
    bool reported = false;
};

class ExtractWithAdd final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override {
        return {InstructionKind::Copy, InstructionKind::Run};
    }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return; // triggers run in another build; hadolint does not follow them either
        if (ins.is(InstructionKind::Copy))
            remember_archives(ins, context);
        else
            find_extractions(ins, context);
    }
    void end_stage(Context&) override { archives_.clear(); }

private:
    void remember_archives(const Instruction& copy, Context& context) {
        if (copy.flag("from") || !copy.heredocs.empty() || copy.arguments.size() < 2)
            return;
        const std::vector<Variable> scope = context.model().scope_at(context.index());
        const Word& destination = copy.arguments.back();
        const std::optional<std::string> target = default_value(destination, scope);
        const bool target_is_archive = target && !target->ends_with("/") && is_tar_archive(basename(*target));
        for (std::size_t i = 0; i + 1 < copy.arguments.size(); ++i) {
            const Word& source = copy.arguments[i];
            const std::optional<std::string> value = default_value(source, scope);
            if (!value || !is_tar_archive(basename(*value)))
                continue;
            // `COPY app.tgz /tmp/app-1.0.tgz`: the RUN refers to the archive by its new name.
            const std::string name(target_is_archive ? basename(*target) : basename(*value));
            archives_.push_back({name, source.range, false});
        }
    }

    void find_extractions(const Instruction& run, Context& context) {
        if (archives_.empty())
            return;
        const RunCommands& commands = run_commands(context, run);
        for (const RunCommand& command : commands.all()) {
            for (const shell::Word& file : extracted_files(command.command)) {
                if (file.dynamic)
                    continue;
                for (CopiedArchive& archive : archives_) {
                    if (archive.reported || basename(file.value) != archive.name)
                        continue;
                    archive.reported = true;
                    context.report(archive.source, "Use ADD for extracting archives into an image: `" +
                                                       archive.name + "` is extracted by `" +
                                                       std::string(command.command.name()) +
                                                       "` in a later RUN");
                }
            }
        }
    }

    std::vector<CopiedArchive> archives_;
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3010, drydock::rules::rule_meta, drydock::rules::ExtractWithAdd)
