package dev.dataflow;

/** Entry point of runner.jar. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(dev.dataflow.cli.Cli.run(args));
    }
}
