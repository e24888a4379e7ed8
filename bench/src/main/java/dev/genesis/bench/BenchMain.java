package dev.genesis.bench;

/** Placeholder entry point; the benchmark suites are being written. */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.out.println("genesis bench: no suites yet");
    }
}
