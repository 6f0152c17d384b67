// DD2001: the final stage never switches to a non-root user, so the container runs as root.

#include "image_users.hpp"
#include "non_root_rewrite.hpp"
#include "package_managers.hpp"
#include "rule_support.hpp"
#include "shell_queries.hpp"
#include "stage_uses.hpp"
#include "word_values.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DD2001",
    .name = "missing-user",
    .severity = Severity::Warning,
    .category = Category::Security,
    .fix = FixAvailability::Sometimes,
    .summary = "The final stage never switches to a non-root user, so the container runs as root",
    .docs =
        {.what =
             "Reports the final stage, at its `FROM` instruction, when neither it nor a stage it builds on "
             "(`FROM build AS final`) has a `USER` instruction and its base image is not one published to "
             "run as a non-root user. hadolint's DL3002 (`user-root`) only reports an explicit `USER root`; "
             "this rule reports the far more common case of no `USER` at all.\n\n"
             "Quiet for base images that already run as non-root: a tag with the word `nonroot` (distroless "
             "`:nonroot`, `:debug-nonroot`) or `rootless`, repositories named `*-unprivileged` "
             "(`nginxinc/nginx-unprivileged`), Chainguard images (`cgr.dev/…`, except the `-dev` variants), "
             "Bitnami images (user 1001, except `bitnami/minideb`), .NET's `chiseled`/`distroless` variants, "
             "Jupyter's docker-stacks images and Selenium's images (user `seluser`). Quiet too when the "
             "stage (or one it builds on) installs or runs `gosu` or `su-exec`, or starts its "
             "`ENTRYPOINT`/`CMD` with one: the container starts as root on purpose and its entrypoint drops "
             "to "
             "a service user (the official postgres, redis, mongo, mysql and rabbitmq images), and for "
             "images "
             "built on those official images (`FROM rabbitmq:4-management`), whose entrypoint does that. "
             "Quiet "
             "too for "
             "Windows images (their users are "
             "ContainerAdministrator and ContainerUser) and when the base image is a variable without a "
             "default, which cannot be judged.\n\n"
             "A `USER` that switches to root (`USER root` with no later non-root `USER`) is left to DL3002, "
             "so one problem gets one report; a `USER` given by a variable without a default is taken as "
             "non-root. A `scratch` final stage is reported: a binary copied into it runs as UID 0. Only the "
             "final stage is checked: build stages that run as root are only copied from.",
         .why = "A process that runs as root in its container gives anyone who takes it over root inside the "
                "container, and root on the host when a kernel bug, a privileged mount or a misconfigured "
                "runtime lets them out. Most applications need no root at run time: create an unprivileged "
                "user and switch to it with `USER` after the steps that need root. Kubernetes' "
                "`runAsNonRoot` can only verify a numeric `USER`.",
         .bad = "FROM python:3.12-slim\nCOPY . /app\nCMD [\"python\", \"/app/main.py\"]\n",
         .good = "FROM python:3.12-slim\nRUN useradd --system --uid 10001 --no-log-init app\n"
                 "COPY . /app\nUSER 10001\nCMD [\"python\", \"/app/main.py\"]\n",
         .fix_safety =
             "Unsafe (applied with `--unsafe-fixes`: the process loses root, so files it writes must be its "
             "own). The rewrite reads the base image's family from the final stage's `FROM` (through the "
             "stages it builds on) and inserts, after the last `RUN` of the final stage (else before its "
             "`CMD`/`ENTRYPOINT` and their comments, else at its end):\n"
             "* Debian, Ubuntu and the official images built on them (python, golang, rust, gcc, …): `RUN "
             "groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-log-init "
             "--no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin app` and `USER "
             "10001:10001`;\n"
             "* Alpine: `addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app -h /nonexistent -s "
             "/sbin/nologin app`; RHEL-like images (fedora, centos, rocky, alma, oracle, amazonlinux, UBI): "
             "`groupadd`/`useradd` as for Debian with `/sbin/nologin`;\n"
             "* a user the image already has: `USER 1000:1000` (`node`), `USER 1654:1654` (.NET 8+ `app`), "
             "`USER 65532:65532` (distroless `nonroot`); a user a `RUN` of the Dockerfile creates with "
             "`useradd`/`adduser`: `USER` its numeric `-u` or its name;\n"
             "* `scratch` and UBI minimal/micro (no tools to create users): a numeric `USER 10001:10001`.\n"
             "Each declared `VOLUME` path gets `mkdir -p` and `chown -R` in the same `RUN`, and `COPY`/`ADD` "
             "into it after the switch get `--chown`, so the app can write there (other files stay root's, "
             "read-only to the app). The user is numeric so Kubernetes' `runAsNonRoot` can verify it "
             "(DL3066). The UID, GID "
             "and name come from the config keys `non-root-uid`, `non-root-gid` and `non-root-user` (default "
             "10001, 10001, `app`). Display-only advice instead of a rewrite for images whose server needs "
             "root to start (nginx, httpd, php `-apache`: use the unprivileged variant) and for images of an "
             "unknown family.",
         .references = "https://docs.docker.com/build/building/best-practices/#user\n"
                       "https://docs.docker.com/reference/dockerfile/#user\n"
                       "https://github.com/hadolint/hadolint/issues/328"},
};

// Programs that an entrypoint uses to drop root before it starts the service (`exec gosu postgres "$@"`).
bool is_privilege_dropper(std::string_view program) {
    return program == "gosu" || program == "su-exec";
}

// Whether the stage or a stage it builds on installs or runs gosu or su-exec, or starts its ENTRYPOINT/CMD
// with one: the container starts as root on purpose and its entrypoint steps down to a service user (the
// official postgres, redis, mongo, mysql and rabbitmq images).
bool drops_privileges(const Dockerfile& file, const SemanticModel& model, std::size_t stage) {
    for (const std::size_t s : stage_lineage(model, stage)) {
        const Stage& st = model.stages()[s];
        for (std::size_t i = st.from + 1; i < st.end; ++i) {
            const Instruction& ins = file.instructions[i];
            if ((ins.is(InstructionKind::Entrypoint) || ins.is(InstructionKind::Cmd)) && ins.json_form &&
                !ins.arguments.empty()) {
                const std::string_view program = ins.arguments.front().value;
                if (is_privilege_dropper(program.substr(program.rfind('/') + 1)))
                    return true;
            }
            if (!ins.is(InstructionKind::Run))
                continue;
            const RunCommands commands(file, ins);
            for (const RunCommand& run : commands.all()) {
                if (is_privilege_dropper(run.command.name()))
                    return true;
                const std::optional<PackageCommand> packages = read_package_command(run.command);
                if (!packages || (packages->subcommand() != "install" && packages->subcommand() != "add"))
                    continue;
                for (const shell::Word& word : packages->operands_after(1)) {
                    const std::string_view name = word.value;
                    if (is_privilege_dropper(name.substr(0, name.find_first_of("=<>~"))))
                        return true;
                }
            }
        }
    }
    return false;
}

class MissingUser final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::User}; }
    void check(const Instruction&, Context&) override {}

    void end_stage(Context& context) override {
        if (!context.is_final_stage())
            return;
        const Dockerfile& file = context.file();
        const SemanticModel& model = context.model();
        const std::size_t stage = *context.stage();
        // A USER in the stage or its ancestors: non-root, unknown, or root (DL3002 reports that one).
        if (last_user(file, model, stage))
            return;
        const std::size_t first = stage_lineage(model, stage).back();
        const std::size_t first_from = model.stages()[first].from;
        const Instruction& base = file.instructions[first_from];
        if (!base.from)
            return;
        const std::optional<std::string> image =
            default_value(base.from->image.word, model.scope_at(first_from));
        if (!image || image->empty() || image_runs_as_non_root(*image) || is_windows_image(*image))
            return;
        if (image_entrypoint_drops_root(*image) || drops_privileges(file, model, stage))
            return;
        const Instruction& from = file.instructions[model.stages()[stage].from];
        context.report(from.range, message(*image), non_root_fix(context, stage, *image));
    }

private:
    static std::string message(const std::string& image) {
        std::string text = "The final stage never switches to a non-root user, so the container runs as root";
        if (image == "scratch")
            return text + " (`scratch` has no users): add a numeric `USER 10001:10001`, which needs no "
                          "/etc/passwd";
        return text + " unless base image `" + image +
               "` sets one: create an unprivileged user and add `USER` after the steps that need root";
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dd2001, drydock::rules::rule_meta, drydock::rules::MissingUser)
