# lit configuration for concur. Substitutions every test may use:
#   %clang_tidy     stock clang-tidy-22 with the concur plugin loaded
#   %concur         the concur CLI
#   %tsan_concur    the concur CLI with its own code under ThreadSanitizer
#   %cxx            clang++-22 -std=c++20 (plain compile, for scenario programs)
#   %tsan_cxx       the same with ThreadSanitizer
#   %python         Debian's python3 (has jsonschema)
#   %srcroot        the source tree; %binroot the build tree
#   %report_schema  docs/report-schema.json; %sarif_schema  the SARIF 2.1.0 schema
#   %validate       test/tools/validate_report.py
import os
import lit.formats

config.name = "concur"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test", ".c"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in",
                   "corpus-programs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.concur_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, os.path.join(config.concur_obj_root, "bin"),
     config.environment.get("PATH", os.environ.get("PATH", ""))])
# Deterministic sanitizer output; a report makes the program exit 66.
config.environment["TSAN_OPTIONS"] = "exitcode=66 halt_on_error=0 report_signal_unsafe=0"
for var in ["HOME", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

src = config.concur_src_root
sarif_schema = os.path.join(src, "test", "schemas", "sarif-schema-2.1.0.json")
config.substitutions += [
    ("%clang_tidy", f"{config.clang_tidy} --load={config.plugin}"),
    ("%concur", config.concur),
    ("%tsan_concur", config.concur_tsan),
    ("%tsan_cxx", f"{config.cxx} -std=c++20 -g -O1 -pthread -fsanitize=thread"),
    ("%cxx", f"{config.cxx} -std=c++20 -g -O1 -pthread"),
    ("%python", "/usr/bin/python3"),
    ("%srcroot", src),
    ("%binroot", config.concur_obj_root),
    ("%report_schema", os.path.join(src, "docs", "report-schema.json")),
    ("%sarif_schema", sarif_schema),
    ("%validate", "/usr/bin/python3 " + os.path.join(src, "test", "tools", "validate_report.py")),
]
