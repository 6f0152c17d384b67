// DD3001: FROM names an operating system or runtime release that is past (or near) its end of support.

#include "base_image_table.hpp"
#include "base_image_tags.hpp"
#include "fix_builders.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <string>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD3001",
    .name = "base-image-eol",
    .severity = Severity::Error,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "The base image's operating system or runtime is past its end of support",
    .docs =
        {.what =
             "Reads which runtime release and which operating system release a `FROM` tag names "
             "(`python:3.10-slim-buster` is Python 3.10 on Debian 10, `node:16.18-alpine3.17` Node.js 16 on "
             "Alpine 3.17, `ubuntu:bionic` Ubuntu 18.04) and looks them up in the lifecycle table shipped "
             "with "
             "drydock (`drydock rules --data` shows its date). A release past its end of support is an "
             "error; "
             "one whose end is less than `base-image-eol-warning-days` away is a warning. The message names "
             "the dates and the nearest supported tag. A part the tag leaves open (`python:3`, `node:lts`, "
             "`golang:alpine`) is not judged, an image given by a variable is judged by its `ARG` default, "
             "and stage names and `scratch` are skipped.",
         .why = "A release past its end of support gets no more security fixes: every vulnerability found "
                "after that date stays in the image. Image scanners say so only after the image is built "
                "and pushed; the Dockerfile already says which release it is.",
         .bad = "#! config: {today: 2026-11-28}\nFROM python:3.10-slim-buster\nRUN python --version\n",
         .good = "#! config: {today: 2026-11-28}\nFROM python:3.12-slim-bookworm\nRUN python --version\n",
         .fix_safety =
             "Unsafe: the fix moves the tag to the nearest supported release of the same image that keeps "
             "the variant (`slim`, `alpine`, `jre`…) and the C library: the oldest supported runtime release "
             "after the current one (for Node.js, Java and .NET the oldest supported LTS release) and the "
             "oldest supported OS release the image is still published for (`3.10-slim-buster` -> "
             "`3.11-slim-bookworm`, `node:16.18` -> `node:22`). A new runtime release can change behaviour, "
             "so "
             "review and test. The replacement is only shown (display-only) when no tag of the same image is "
             "a safe equivalent: a jump of major version where that breaks programs (Python 2 to 3, PHP 7 to "
             "8), a .NET release (the application must be retargeted), a discontinued product (CentOS "
             "Linux), "
             "a digest or a dated snapshot that pins the old image. An image given by a variable gets no "
             "fix.",
         .options =
             "`base-image-eol-warning-days` (default 90): how many days before an end of support "
             "it is reported as a warning. `today` (or the DRYDOCK_TODAY environment variable), "
             "`YYYY-MM-DD`: the date to compare with instead of the current date, for reproducible runs.",
         .references = "https://endoflife.date\n"
                       "https://wiki.debian.org/LTS\n"
                       "https://ubuntu.com/about/release-cycle\n"
                       "https://alpinelinux.org/releases/\n"
                       "https://devguide.python.org/versions/\n"
                       "https://nodejs.org/en/about/previous-releases"},
};

enum class Status { Supported, Near, Past };

Status status_of(const Release* release, Date now, int warning_days) {
    if (!release || !release->eol)
        return Status::Supported;
    const long days = days_between(now, *release->eol);
    if (days <= 0)
        return Status::Past;
    return days <= warning_days ? Status::Near : Status::Supported;
}

std::string_view major_of(std::string_view version) {
    return version.substr(0, version.find('.'));
}

// The oldest release after `current` that is out and stays supported beyond the warning window; only LTS
// releases when the product marks some, and only those in `published` when given.
const Release* nearest_supported(const Product& product, const Release& current, Date now, int warning_days,
                                 const std::vector<std::string>* published, bool lts_only) {
    bool after = false;
    for (const Release& r : product.releases) {
        if (&r == &current) {
            after = true;
            continue;
        }
        if (!after || (lts_only && !r.lts) || days_between(r.released, now) < 0)
            continue;
        if (r.eol && days_between(now, *r.eol) <= warning_days)
            continue;
        if (published && std::find(published->begin(), published->end(), r.version) == published->end() &&
            (r.codename.empty() ||
             std::find(published->begin(), published->end(), r.codename) == published->end()))
            continue;
        return &r;
    }
    return nullptr;
}

// LTS releases first; a newer non-LTS release only when no LTS release after `current` is supported yet
// (Java 26 -> 27 before the next LTS is out).
const Release* nearest_supported(const Product& product, const Release& current, Date now, int warning_days,
                                 const std::vector<std::string>* published) {
    if (product.has_lts())
        if (const Release* lts = nearest_supported(product, current, now, warning_days, published, true))
            return lts;
    return nearest_supported(product, current, now, warning_days, published, false);
}

bool is_published(const BaseImageTag& tag, const std::vector<std::string>* published) {
    if (!published || !tag.os_release)
        return true;
    const Release& r = *tag.os_release;
    return std::find(published->begin(), published->end(), r.version) != published->end() ||
           (!r.codename.empty() &&
            std::find(published->begin(), published->end(), r.codename) != published->end());
}

struct Plan {
    std::string tag;
    std::optional<Date> until; // the earliest end of support of the new tag's releases, when known
    bool display_only = false;
};

void earliest(std::optional<Date>& until, const Release* r) {
    if (r && r->eol && (!until || *r->eol < *until))
        until = r->eol;
}

// The nearest supported tag of the same image, or nullopt when there is none.
std::optional<Plan> plan_upgrade(const BaseImageTag& tag, Status runtime, Status os, Date now,
                                 int warning_days) {
    if (tag.image && tag.image->deprecated)
        return std::nullopt; // the image itself is no longer published: no tag of it is a way out
    Plan plan;
    std::vector<std::pair<std::size_t, std::string>> replacements;
    const Release* new_runtime = tag.runtime_release;
    if (runtime != Status::Supported) {
        if (!tag.runtime->track.empty()) {
            replacements.emplace_back(*tag.runtime_word, tag.runtime->track);
            new_runtime = nullptr;
        } else {
            new_runtime = nearest_supported(*tag.runtime, *tag.runtime_release, now, warning_days, nullptr);
            if (!new_runtime)
                return std::nullopt;
            replacements.emplace_back(*tag.runtime_word, new_runtime->version);
            if (tag.runtime->upgrade == Upgrade::None ||
                (tag.runtime->upgrade == Upgrade::SameMajor &&
                 major_of(new_runtime->version) != major_of(tag.runtime_release->version)))
                plan.display_only = true;
        }
    }
    earliest(plan.until, new_runtime);
    const Release* new_os = tag.os_release;
    const std::vector<std::string>* published =
        tag.image && tag.os ? tag.image->published_for(tag.os->id) : nullptr;
    if (tag.os_release &&
        (os != Status::Supported || (runtime != Status::Supported && !is_published(tag, published)))) {
        if (tag.os->upgrade == Upgrade::None || tag.os_snapshot || !tag.os_word)
            return std::nullopt;
        new_os = nearest_supported(*tag.os, *tag.os_release, now, warning_days, published);
        if (!new_os)
            return std::nullopt;
        const std::string& name = tag.os_by_codename ? new_os->codename : new_os->version;
        if (name.empty())
            return std::nullopt;
        replacements.emplace_back(*tag.os_word, tag.os_prefix + name);
        if (tag.os_extra_word)
            replacements.emplace_back(*tag.os_extra_word, "");
    }
    earliest(plan.until, new_os);
    if (replacements.empty())
        return std::nullopt;
    plan.tag = tag.tag_with(replacements);
    if (!tag.digest.empty())
        plan.display_only = true; // the digest pins the old image; the new one's digest is not known offline
    return plan;
}

std::string describe(const Product& product, const Release& release, Status status, Date now) {
    const std::string date = format_date(*release.eol);
    if (status == Status::Past)
        return release.label(product.name) + " reached its end of support on " + date;
    return release.label(product.name) + " reaches its end of support on " + date + " (in " +
           std::to_string(days_between(now, *release.eol)) + " days)";
}

class BaseImageEol final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::From}; }
    void check(const Instruction& ins, Context& context) override {
        if (context.in_onbuild())
            return;
        const std::optional<FromImage> from =
            from_image(context.file(), context.model(), context.index(), context.stage());
        if (!from)
            return;
        const BaseImageTag tag = read_base_image(from->reference);
        if (!tag.image)
            return;
        const Date now = today(context.config());
        const int warning_days = eol_warning_days(context.config());
        const Status runtime =
            tag.runtime_release ? status_of(tag.runtime_release, now, warning_days) : Status::Supported;
        const Status os = status_of(tag.os_release, now, warning_days);
        if (runtime == Status::Supported && os == Status::Supported)
            return;

        std::string message = "`" + from->reference + "`: ";
        if (runtime != Status::Supported)
            message += describe(*tag.runtime, *tag.runtime_release, runtime, now);
        if (os != Status::Supported) {
            if (runtime != Status::Supported)
                message += ", and ";
            message += describe(*tag.os, *tag.os_release, os, now);
        }
        const std::optional<Plan> plan = plan_upgrade(tag, runtime, os, now, warning_days);
        const std::string image_name(
            context.text({ins.from->image.word.range.begin, ins.from->image.repository.end}));
        if (plan) {
            message += "; use `" + (from->from_variable ? tag.name : image_name) + ":" + plan->tag + "`";
            if (plan->until)
                message += " (supported until " + format_date(*plan->until) + ")";
        } else {
            const Product& product = runtime != Status::Supported ? *tag.runtime : *tag.os;
            if (tag.image->deprecated)
                message += "; move to " + tag.image->deprecated->replacement;
            else if (!product.successor.empty())
                message += "; move to " + product.successor;
            else
                message += "; move to a supported release";
        }
        message += " (" + (runtime != Status::Supported ? tag.runtime : tag.os)->source + ")";

        const ImageReference& ref = ins.from->image;
        const bool literal = !from->from_variable && !ref.tag.empty() && !ref.has_variables;
        std::optional<Fix> fix;
        if (plan && literal) {
            std::vector<Edit> edits{replace_range(ref.tag, plan->tag)};
            if (!ref.digest.empty())
                edits.push_back(delete_range({ref.tag.end, ref.digest.end}));
            fix = Fix{"Move " + image_name + " to " + plan->tag, std::move(edits),
                      plan->display_only ? Applicability::DisplayOnly : Applicability::Unsafe};
        }
        const Severity severity =
            runtime == Status::Past || os == Status::Past ? Severity::Error : Severity::Warning;
        context.report(literal ? ref.tag : ref.word.range, severity, std::move(message), std::move(fix));
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd3001, drydock::rules::rule_meta, drydock::rules::BaseImageEol)
