package dev.dataflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Options typed before a subcommand that are not global ({@code --domain boroughs flow}, {@code --refresh resume}):
 * picocli gives them to the root command, which would ignore them. Each goes to the subcommand's option of the same
 * name, or, when the subcommand has none ({@code --group seed flow}), the call is a usage error (exit 2). An option
 * is never silently dropped.
 */
final class RootOptions {
    private RootOptions() {
    }

    static void carryOver(ParseResult root) {
        ParseResult sub = root.subcommand();
        if (sub == null) {
            return;
        }
        for (OptionSpec option : root.matchedOptions()) {
            if (option.inherited() || option.scopeType() == CommandLine.ScopeType.INHERIT || option.usageHelp()
                    || option.versionHelp()) {
                continue;
            }
            carry(option, root, sub);
        }
        carryOver(sub);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void carry(OptionSpec option, ParseResult root, ParseResult sub) {
        String name = option.longestName();
        OptionSpec target = sub.commandSpec().findOption(name);
        String command = sub.commandSpec().qualifiedName(" ");
        if (target == null) {
            throw new CommandLine.ParameterException(sub.commandSpec().commandLine(), "option '" + name
                    + "' does not apply to `" + command + "`" + hint(name, sub));
        }
        Object value = option.getValue();
        if (value instanceof Collection<?> given) {
            List<Object> all = new ArrayList<>(given);
            if (sub.hasMatchedOption(target) && target.getValue() instanceof Collection<?> own) {
                all.addAll(own);
            }
            Object current = target.getValue();
            if (current instanceof Collection c) {
                c.clear();
                c.addAll(all);
            } else {
                target.setValue(all);
            }
        } else if (sub.hasMatchedOption(target)) {
            throw new CommandLine.ParameterException(sub.commandSpec().commandLine(), "option '" + name
                    + "' is given both before and after `" + command + "`");
        } else {
            target.setValue(value);
        }
    }

    private static String hint(String name, ParseResult sub) {
        String command = sub.commandSpec().name();
        if ("flow".equals(command) && List.of("--group", "--step", "--from").contains(name)) {
            return " (flow runs every step; to run a selection, leave out `flow`: runner.jar " + name + " ...)";
        }
        return " (see runner.jar " + command + " --help)";
    }
}
