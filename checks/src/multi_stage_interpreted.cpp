// The multi-stage rewrite of Node.js and Python applications: a single-page app's build folder served by
// nginx, a Node.js server's output folder with its production dependencies, a Python virtualenv with the
// application's source. See multi_stage_ecosystems.hpp.

#include "fix_builders.hpp"
#include "instruction_queries.hpp"
#include "language_packages.hpp"
#include "multi_stage_ecosystems.hpp"
#include "shell_queries.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace drydock::rules::multi_stage {
namespace {

// ---- Node.js

// The folder a static file server in the start command serves: `serve -s build`, `npx serve -s dist -l 3000`,
// `http-server dist`.
std::optional<std::string> served_folder(const std::vector<std::string>& argv) {
    std::size_t i = 0;
    if (!argv.empty() && basename_of(argv[0]) == "npx") // `npx --yes serve …`
        for (i = 1; i < argv.size() && argv[i].starts_with("-");)
            ++i;
    if (i >= argv.size())
        return std::nullopt;
    const std::string_view program = basename_of(argv[i]);
    std::vector<std::string_view> valued;
    if (program == "serve")
        valued = {"-l", "--listen", "-p", "--port", "-c", "--config"};
    else if (program == "http-server")
        valued = {"-p", "--port", "-a", "-c", "-e", "--ext", "-t", "--timeout", "--proxy"};
    else
        return std::nullopt;
    for (++i; i < argv.size(); ++i) {
        if (std::find(valued.begin(), valued.end(), argv[i]) != valued.end())
            ++i;
        else if (!argv[i].starts_with("-"))
            return argv[i];
    }
    return std::nullopt;
}

// The build context's package.json, when the configuration names a build context and it is readable JSON.
std::optional<nlohmann::json> package_manifest(const StageFacts& facts) {
    if (!facts.build_context)
        return std::nullopt;
    std::ifstream in(std::filesystem::path(*facts.build_context) / "package.json", std::ios::binary);
    if (!in)
        return std::nullopt;
    nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object())
        return std::nullopt;
    return manifest;
}

// For `npm start`, `npm run dev`, `yarn start`, `pnpm run serve`: the text of that script in package.json.
std::optional<std::string> npm_script(const StageFacts& facts, const nlohmann::json& manifest) {
    const std::vector<std::string>& argv = facts.start;
    if (argv.size() < 2)
        return std::nullopt;
    const std::string_view program = basename_of(argv[0]);
    if (program != "npm" && program != "yarn" && program != "pnpm")
        return std::nullopt;
    const std::string& script = argv[1] == "run" && argv.size() >= 3 ? argv[2] : argv[1];
    const auto scripts = manifest.find("scripts");
    if (scripts == manifest.end() || !scripts->is_object() || !scripts->contains(script) ||
        !(*scripts)[script].is_string())
        return std::nullopt;
    return (*scripts)[script].get<std::string>();
}

// The output folder of a single-page app whose npm script starts the create-react-app (`build`) or Vite
// (`dist`) dev server.
std::optional<std::string> dev_server_output(const nlohmann::json& manifest, std::string_view script) {
    auto depends_on = [&](const char* package) {
        for (const char* field : {"dependencies", "devDependencies"})
            if (manifest.contains(field) && manifest[field].is_object() && manifest[field].contains(package))
                return true;
        return false;
    };
    if (script.starts_with("react-scripts start") && depends_on("react-scripts"))
        return "build";
    if ((script == "vite" || script.starts_with("vite ")) && !script.starts_with("vite build") &&
        depends_on("vite"))
        return "dist";
    return std::nullopt;
}

// The script `node` runs: its first operand, past node's own options.
std::optional<std::string> node_script(const std::vector<std::string>& argv) {
    if (argv.empty() || basename_of(argv[0]) != "node")
        return std::nullopt;
    for (std::size_t i = 1; i < argv.size(); ++i) {
        if (contains({"-r", "--require", "--import", "--loader", "--experimental-loader"}, argv[i]))
            ++i;
        else if (!argv[i].starts_with("-"))
            return argv[i];
    }
    return std::nullopt;
}

// An npm script's words, split at blanks (scripts that need more than that are not read).
std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t begin = 0; begin < text.size();) {
        const std::size_t blank = std::min(text.find(' ', begin), text.size());
        if (blank > begin)
            out.emplace_back(text.substr(begin, blank - begin));
        begin = blank + 1;
    }
    return out;
}

// The instruction that copies package.json into `workdir`: a COPY of `package.json`, `package*.json` or the
// whole context.
bool copies_manifest(const StageFacts& facts, const std::string& workdir) {
    for (std::size_t i = facts.from + 1; i < facts.end; ++i) {
        const Instruction& ins = facts.file->instructions[i];
        if (!ins.is(InstructionKind::Copy) || ins.flag("from"))
            continue;
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (!operands)
            continue;
        const bool manifest =
            std::any_of(operands->sources.begin(), operands->sources.end(), [](const Word& w) {
                return contains(
                    {"package.json", "package*.json", "./package.json", "./package*.json", ".", "./"},
                    w.value);
            });
        const std::string& dest = operands->destination->value;
        const std::optional<std::string> base = workdir_at(facts, i);
        const bool into_folder = dest.ends_with('/') || dest == "." || operands->sources.size() > 1 ||
                                 !operands->sources.front().value.ends_with(".json");
        const std::optional<std::string> target = dest.starts_with('/') ? join_path("/", dest)
                                                  : base                ? join_path(*base, dest)
                                                                        : std::optional<std::string>();
        if (manifest && target &&
            (into_folder ? *target == workdir : std::string(dirname_of(*target)) == workdir))
            return true;
    }
    return false;
}

// ---- Python

constexpr std::string_view venv = "/opt/venv";

// Files that only say what to install.
bool is_manifest(std::string_view source) {
    const std::string_view name = basename_of(source);
    return (name.starts_with("requirements") && name.ends_with(".txt")) ||
           (name.starts_with("constraints") && name.ends_with(".txt")) ||
           contains({"setup.py", "setup.cfg", "pyproject.toml", "Pipfile", "Pipfile.lock", "poetry.lock"},
                    name);
}

} // namespace

Outcome plan_node(const StageFacts& facts) {
    if (!facts.start_known || facts.start.empty())
        return cannot_tell(no_start());
    const std::optional<nlohmann::json> manifest = package_manifest(facts);
    const std::optional<std::string> script = manifest ? npm_script(facts, *manifest) : std::nullopt;
    std::optional<std::string> folder = served_folder(facts.start);
    if (!folder && script)
        folder = served_folder(split_words(*script));
    if (!folder && script)
        folder = dev_server_output(*manifest, *script);
    if (folder) {
        const std::optional<std::string> path = start_path(facts, *folder);
        if (!path)
            return cannot_tell("the served folder " + code_span(*folder) +
                               " is relative to an unknown directory");
        if (path == facts.final_workdir || *path == "/")
            return cannot_tell("the start command serves the whole working directory, not a build folder");
        Runtime runtime;
        runtime.image = static_site_runtime();
        runtime.static_site = true;
        runtime.artifacts.push_back({*path, std::string(static_site_root)});
        return {std::move(runtime), {}};
    }
    // A server: `node dist/server.js`, also as the npm script the start command runs.
    std::optional<std::string> file = node_script(facts.start);
    if (!file && script)
        file = node_script(split_words(*script));
    if (!file)
        return cannot_tell("the start command runs " + code_span(facts.start.front()) +
                           ", neither `node <file>` of the build output nor a static file server");
    if (!facts.sets_workdir || !facts.final_workdir)
        return cannot_tell("the application's folder is not known (no WORKDIR)");
    const std::string& workdir = *facts.final_workdir;
    const std::optional<std::string> path = start_path(facts, *file);
    const std::string prefix = workdir == "/" ? "/" : workdir + "/";
    if (!path || !path->starts_with(prefix) || path->find('/', prefix.size()) == std::string::npos)
        return cannot_tell("the start script " + code_span(*file) + " is not in a build output folder");
    const std::string out = path->substr(0, path->find('/', prefix.size()));
    // How the stage installs dependencies, done again without the development ones.
    std::string install;
    for (std::size_t i = facts.from + 1; i < facts.end && install.empty(); ++i) {
        const Instruction& ins = facts.file->instructions[i];
        if (!ins.is(InstructionKind::Run))
            continue;
        const RunCommands commands(*facts.file, ins);
        for (const RunCommand& run : commands.all()) {
            const std::vector<shell::Word> operands = run.command.operands();
            const std::string_view first = operands.empty() ? std::string_view() : operands.front().value;
            if (run.command.name() == "npm" && (first == "ci" || first == "install" || first == "i"))
                install = first == "ci" ? "npm ci --omit=dev" : "npm install --omit=dev";
            else if (run.command.name() == "yarn" && (first.empty() || first == "install"))
                install = "yarn install --production";
            if (!install.empty())
                break;
        }
    }
    if (install.empty())
        return refuse("the stage installs its dependencies with neither npm nor yarn");
    if (!copies_manifest(facts, workdir))
        return refuse("package.json is not copied into " + code_span(workdir) +
                      " from the build context's root");
    RuntimeChoice choice = node_runtime(facts.builder);
    if (!choice.runtime)
        return refuse(choice.why);
    Runtime runtime;
    runtime.image = *choice.runtime;
    runtime.before_copies.push_back(install.starts_with("npm") ? "COPY package*.json ./"
                                                               : "COPY package.json yarn.lock ./");
    runtime.before_copies.push_back("RUN " + install);
    runtime.artifacts.push_back({out, out});
    return {std::move(runtime), {}};
}

// ---- Python

Outcome plan_python(const StageFacts& facts) {
    RuntimeChoice choice = python_runtime(facts.builder);
    if (!choice.runtime)
        return refuse("pip installs into the Python of " + code_span(facts.builder) +
                      "; only the official `python` images get a virtualenv rewrite");
    std::optional<std::size_t> first_pip;
    for (std::size_t i = facts.from + 1; i < facts.end; ++i) {
        const Instruction& ins = facts.file->instructions[i];
        if (!ins.is(InstructionKind::Run))
            continue;
        const RunCommands commands(*facts.file, ins);
        for (const RunCommand& run : commands.all()) {
            const std::string_view name = run.command.name();
            if (name == "virtualenv" || (run.command.has_argument("-m") && run.command.has_argument("venv")))
                return refuse("the stage makes its own virtualenv");
            const std::optional<shell::Command> pip = pip_argv(run.command);
            if (!pip)
                continue;
            if (run.command.words.front().value.find('/') != std::string::npos)
                return refuse("pip runs by its path " + code_span(run.command.words.front().value) +
                              ", not from the virtualenv");
            if (pip->has_any_flag({"user", "target", "t", "prefix", "root"}))
                return refuse(
                    "pip installs outside the environment (`--user`, `--target`, `--prefix`, `--root`)");
            if (!first_pip)
                first_pip = i;
        }
    }
    if (!first_pip)
        return cannot_tell("no `pip install` found");
    Runtime runtime;
    runtime.image = *choice.runtime;
    // The packages go into a virtualenv, which the runtime stage copies whole.
    const Dockerfile& file = *facts.file;
    const std::string_view keyword = file.instructions[facts.from].keyword.raw;
    const std::string path_env = cased_like("ENV", keyword) + " PATH=\"" + std::string(venv) + "/bin:$PATH\"";
    const Instruction& pip_run = file.instructions[*first_pip];
    const std::string_view eol = line_terminator_at(file.source, pip_run.range.begin);
    runtime.builder_edits.push_back(insert_line_before(file, *first_pip,
                                                       cased_like("RUN", keyword) + " python -m venv " +
                                                           std::string(venv) + std::string(eol) + path_env));
    runtime.env.push_back(path_env);
    runtime.artifacts.push_back({std::string(venv), std::string(venv)});
    // The application source: every COPY/ADD of the stage but those of the requirements alone.
    for (std::size_t i = facts.from + 1; i < facts.end; ++i) {
        const Instruction& ins = file.instructions[i];
        if (!ins.is(InstructionKind::Copy) && !ins.is(InstructionKind::Add))
            continue;
        const std::optional<CopyOperands> operands = copy_operands(ins);
        if (operands && std::all_of(operands->sources.begin(), operands->sources.end(),
                                    [](const Word& w) { return is_manifest(w.value); }))
            continue;
        runtime.copies.push_back(i);
    }
    return {std::move(runtime), {}};
}

} // namespace drydock::rules::multi_stage
